#include "eval/EmbeddingPca.h"

#include <torch/torch.h>

#include <stdexcept>

namespace binge {

Pca2D pca2d(const std::vector<float>& data, std::int64_t rows, std::int64_t cols) {
  if (rows < 2 || cols < 2 || static_cast<std::int64_t>(data.size()) != rows * cols)
    throw std::invalid_argument("PCA needs a rows × cols matrix with at least 2 rows and 2 columns");
  torch::NoGradGuard noGrad;
  const auto x = torch::from_blob(const_cast<float*>(data.data()), {rows, cols}, torch::kFloat).to(torch::kDouble);
  const auto centred = x - x.mean(0, true);
  const auto svd = at::linalg_svd(centred, /*full_matrices=*/false);
  const auto& s = std::get<1>(svd);
  const auto& vh = std::get<2>(svd);
  auto coords = torch::matmul(centred, vh.slice(0, 0, 2).t());  // [rows, 2]
  for (int a = 0; a < 2; ++a) {
    auto column = coords.select(1, a);
    if (column.index({column.abs().argmax()}).item<double>() < 0) column.neg_();
  }
  const auto variance = s.pow(2);
  const double total = variance.sum().item<double>();
  Pca2D result;
  // Read through the raw pointer: per-element item() on 100,000 rows (the GUI's embedding map) costs
  // about a second of tensor indexing.
  const auto c = coords.to(torch::kFloat).contiguous();
  const float* p = c.data_ptr<float>();
  result.x.resize(static_cast<size_t>(rows));
  result.y.resize(static_cast<size_t>(rows));
  for (std::int64_t r = 0; r < rows; ++r) {
    result.x[static_cast<size_t>(r)] = p[2 * r];
    result.y[static_cast<size_t>(r)] = p[2 * r + 1];
  }
  for (int a = 0; a < 2; ++a)
    result.explainedVariance[a] = total > 0 && a < variance.size(0) ? variance[a].item<double>() / total : 0.0;
  return result;
}

}  // namespace binge
