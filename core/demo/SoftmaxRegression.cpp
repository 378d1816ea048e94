#include "demo/SoftmaxRegression.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace binge::demo {

void SoftmaxRegression::fit(const std::vector<std::vector<double>>& x, const std::vector<int>& y, int classes,
                            const Options& options) {
  if (x.empty() || x.size() != y.size()) throw std::invalid_argument("softmax regression: no samples or label mismatch");
  classes_ = classes;
  dims_ = static_cast<int>(x.front().size());
  const std::size_t n = x.size();
  mean_.assign(dims_, 0.0);
  scale_.assign(dims_, 0.0);
  for (const auto& row : x)
    for (int d = 0; d < dims_; ++d) mean_[d] += row[d] / n;
  for (const auto& row : x)
    for (int d = 0; d < dims_; ++d) scale_[d] += (row[d] - mean_[d]) * (row[d] - mean_[d]) / n;
  for (double& s : scale_) s = s > 1e-12 ? 1.0 / std::sqrt(s) : 1.0;

  std::vector<std::vector<double>> z;
  z.reserve(n);
  for (const auto& row : x) z.push_back(standardise(row));
  const int stride = dims_ + 1;
  weights_.assign(static_cast<std::size_t>(classes_) * stride, 0.0);
  std::vector<double> grad(weights_.size());
  for (int it = 0; it < options.iterations; ++it) {
    std::fill(grad.begin(), grad.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<double> p = scores(z[i]);
      const double top = *std::max_element(p.begin(), p.end());
      double sum = 0;
      for (double& v : p) sum += (v = std::exp(v - top));
      for (int c = 0; c < classes_; ++c) {
        const double g = p[c] / sum - (y[i] == c ? 1.0 : 0.0);
        double* gw = &grad[static_cast<std::size_t>(c) * stride];
        for (int d = 0; d < dims_; ++d) gw[d] += g * z[i][d];
        gw[dims_] += g;
      }
    }
    for (std::size_t k = 0; k < weights_.size(); ++k) {
      const bool bias = static_cast<int>(k % stride) == dims_;
      weights_[k] -= options.learningRate * (grad[k] / n + (bias ? 0.0 : options.l2 * weights_[k]));
    }
  }
}

std::vector<double> SoftmaxRegression::standardise(const std::vector<double>& f) const {
  std::vector<double> z(dims_);
  for (int d = 0; d < dims_; ++d) z[d] = (f[d] - mean_[d]) * scale_[d];
  return z;
}

std::vector<double> SoftmaxRegression::scores(const std::vector<double>& z) const {
  const int stride = dims_ + 1;
  std::vector<double> s(classes_);
  for (int c = 0; c < classes_; ++c) {
    const double* w = &weights_[static_cast<std::size_t>(c) * stride];
    double v = w[dims_];
    for (int d = 0; d < dims_; ++d) v += w[d] * z[d];
    s[c] = v;
  }
  return s;
}

int SoftmaxRegression::predict(const std::vector<double>& features) const {
  const auto s = scores(standardise(features));
  return static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
}

double SoftmaxRegression::accuracy(const std::vector<std::vector<double>>& x, const std::vector<int>& y) const {
  if (x.empty()) return 0.0;
  int right = 0;
  for (std::size_t i = 0; i < x.size(); ++i) right += predict(x[i]) == y[i];
  return static_cast<double>(right) / x.size();
}

}  // namespace binge::demo
