#include "eval/TopKSearch.h"

#include <algorithm>

namespace binge {

TopK exactTopK(const torch::Tensor& database, const torch::Tensor& queries, int k, std::int64_t blockRows) {
  torch::NoGradGuard noGrad;
  const auto n = database.size(0);
  const int kk = static_cast<int>(std::min<std::int64_t>(k, n));
  TopK best;
  for (std::int64_t b = 0; b < n; b += blockRows) {
    const auto block = database.slice(0, b, std::min(n, b + blockRows));
    const auto scores = torch::matmul(queries, block.t());
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
