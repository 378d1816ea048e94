#include "eval/TopKSearch.h"

#include <algorithm>

namespace binge {

namespace {

// queries · blockᵀ. The Debian LibTorch's matmul goes to a generic BLAS (≈1 GFLOP/s here); its oneDNN
// linear kernel computes the same product about ten times faster on CPU, so float32 CPU work goes there.
torch::Tensor blockScores(const torch::Tensor& queries, const torch::Tensor& block) {
  // A lone query is a matrix-vector product: oneDNN's per-call weight handling makes it slower there.
  if (at::hasMKLDNN() && queries.size(0) >= 8 && queries.device().is_cpu() && queries.scalar_type() == torch::kFloat &&
      block.scalar_type() == torch::kFloat)
    return at::mkldnn_linear(queries.contiguous().to_mkldnn(), block.contiguous(), {}).to_dense();
  return torch::matmul(queries, block.t());
}

}  // namespace

TopK exactTopK(const torch::Tensor& database, const torch::Tensor& queries, int k, std::int64_t blockRows) {
  torch::NoGradGuard noGrad;
  const auto n = database.size(0);
  const int kk = static_cast<int>(std::min<std::int64_t>(k, n));
  TopK best;
  for (std::int64_t b = 0; b < n; b += blockRows) {
    const auto block = database.slice(0, b, std::min(n, b + blockRows));
    const auto scores = blockScores(queries, block);
    auto [s, i] = scores.topk(std::min<std::int64_t>(kk, block.size(0)), 1);
    i = i + b;
    if (!best.scores.defined()) {
      best = {s, i};
      continue;
    }
    // Merge the running best with this block's best: top-k of the union.
    const auto allS = torch::cat({best.scores, s}, 1), allI = torch::cat({best.indices, i}, 1);
    const auto [ms, mi] = allS.topk(kk, 1);
    best = {ms, allI.gather(1, mi)};
  }
  return best;
}

}  // namespace binge
