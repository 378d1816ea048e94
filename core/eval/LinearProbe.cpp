#include "eval/LinearProbe.h"

#include <cmath>

namespace binge {
namespace {

struct Standardiser {
  torch::Tensor mean, std;
  explicit Standardiser(const torch::Tensor& x) {
    mean = x.mean(0, /*keepdim=*/true);
    // Constant features (dead units) would divide by zero; they carry no information either way.
    std = x.std(0, /*unbiased=*/false, /*keepdim=*/true).clamp_min(1e-6);
  }
  torch::Tensor operator()(const torch::Tensor& x) const { return (x - mean) / std; }
};

// Returns (weight [D, C], bias [C]) minimising mean cross-entropy + wd/2 · |W|² by Nesterov-accelerated
// gradient descent with the analytic softmax gradient. Step 1/L with L = ‖[X 1]‖₂² / (2n) + wd, a bound
// on the loss's curvature, so no line search is needed. (LibTorch's L-BFGS with a Wolfe line search
// spent over a second per fit on these tiny problems: most of a live probe's budget.)
std::pair<torch::Tensor, torch::Tensor> fit(const torch::Tensor& x, const torch::Tensor& y, int classes, double wd,
                                            int iterations) {
  torch::NoGradGuard noGrad;
  const auto n = static_cast<double>(x.size(0));
  const auto xb = torch::cat({x, torch::ones({x.size(0), 1}, x.options())}, 1);  // bias as a last column
  const auto target = torch::one_hot(y, classes).to(torch::kFloat);
  const double sigma = std::get<1>(at::linalg_svd(xb, /*full_matrices=*/false))[0].item<double>();
  const double step = 1.0 / (sigma * sigma / (2 * n) + wd);
  auto decay = torch::full({xb.size(1), 1}, wd, torch::kFloat);
  decay[xb.size(1) - 1] = 0.0;  // the bias is not decayed
  auto w = torch::zeros({xb.size(1), classes}, torch::kFloat);
  auto v = w.clone();
  double t = 1.0;
  for (int i = 0; i < iterations; ++i) {
    const auto p = torch::softmax(torch::matmul(xb, v), 1);
    const auto grad = torch::matmul(xb.t(), p - target) / n + decay * v;
    const auto next = v - step * grad;
    const double tNext = (1 + std::sqrt(1 + 4 * t * t)) / 2;
    v = next + ((t - 1) / tNext) * (next - w);
    w = next;
    t = tNext;
  }
  return {w.slice(0, 0, xb.size(1) - 1), w[xb.size(1) - 1]};
}

torch::Tensor predict(const std::pair<torch::Tensor, torch::Tensor>& model, const torch::Tensor& x) {
  return (torch::matmul(x, model.first) + model.second).argmax(1);
}

}  // namespace

LinearProbeFit linearProbe(const torch::Tensor& trainX, const torch::Tensor& trainY, const std::vector<bool>& validation,
                           const torch::Tensor& testX, int classes, const LinearProbeOptions& options) {
  const auto x = trainX.to(torch::kFloat);
  const auto y = trainY.to(torch::kLong);
  std::vector<std::int64_t> fitRows, valRows;
  for (size_t i = 0; i < validation.size(); ++i) (validation[i] ? valRows : fitRows).push_back(static_cast<std::int64_t>(i));

  LinearProbeFit result;
  result.weightDecay = options.weightDecays[options.weightDecays.size() / 2];
  if (!valRows.empty() && !fitRows.empty() && options.weightDecays.size() > 1) {
    const auto fi = torch::tensor(fitRows), vi = torch::tensor(valRows);
    const Standardiser s(x.index_select(0, fi));
    const auto xf = s(x.index_select(0, fi)), xv = s(x.index_select(0, vi));
    const auto yf = y.index_select(0, fi), yv = y.index_select(0, vi);
    double best = -1;
    for (double wd : options.weightDecays) {  // ascending: ties keep the smaller decay
      const double acc = predict(fit(xf, yf, classes, wd, options.iterations), xv).eq(yv).to(torch::kFloat).mean().item<double>();
      if (acc > best) {
        best = acc;
        result.weightDecay = wd;
      }
    }
  }
  const Standardiser s(x);
  result.predictions = predict(fit(s(x), y, classes, result.weightDecay, options.iterations), s(testX.to(torch::kFloat)));
  return result;
}

}  // namespace binge
