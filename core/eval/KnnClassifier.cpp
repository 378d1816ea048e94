#include "eval/KnnClassifier.h"

#include <algorithm>

namespace binge {

torch::Tensor knnPredict(const torch::Tensor& train, const torch::Tensor& trainLabels, const torch::Tensor& queries,
                         int classes, int k) {
  namespace F = torch::nn::functional;
  const auto a = F::normalize(train.to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
  const auto q = F::normalize(queries.to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
  const auto sim = torch::matmul(q, a.t());  // [Q, N]
  const int kk = static_cast<int>(std::min<std::int64_t>(k, train.size(0)));
  const auto [topSim, topIdx] = sim.topk(kk, /*dim=*/1);
  const auto topLabels = trainLabels.to(torch::kLong).index_select(0, topIdx.reshape(-1)).reshape(topIdx.sizes());
  auto votes = torch::zeros({q.size(0), classes}, torch::kFloat);
  votes.scatter_add_(1, topLabels, torch::ones_like(topSim));
  auto simSum = torch::zeros({q.size(0), classes}, torch::kFloat);
  simSum.scatter_add_(1, topLabels, topSim);
  // Similarities lie in [-1, 1], so k·2 + sum keeps the vote count the primary key.
  const auto score = votes * (2.0 * kk + 1.0) + simSum;
  return score.argmax(1);
}

}  // namespace binge
