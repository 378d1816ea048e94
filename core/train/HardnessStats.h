#pragma once
// How hard a batch is for the current model (docs/architecture.md, Sampling): mean cosine similarity of positives (a
// clip's own video–audio pair), of same-title negatives and of cross-title negatives, and the share of
// "easy" negatives — those more than `easyMargin` below their row's positive. Hierarchical sampling
// exists to raise the same-title share and lower the easy share. Torch-free so the GUI can recompute
// it from a batch event.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace binge {

struct HardnessStats {
  double positive = 0.0;            // mean of the diagonal
  double sameTitleNegative = 0.0;   // mean over off-diagonal pairs of one title (NaN-free: 0 if none)
  double crossTitleNegative = 0.0;  // mean over pairs of different titles (0 if none)
  double easyNegativeShare = 0.0;   // share of all negatives with sim < positive(row) − margin
  long sameTitlePairs = 0;
  long crossTitlePairs = 0;
};

// similarity: row-major B×B, row i = video i against every audio. titles: one id per clip.
HardnessStats hardnessStats(const std::vector<float>& similarity, const std::vector<std::string>& titles,
                            double easyMargin = 0.2);

nlohmann::json toJson(const HardnessStats& stats);

}  // namespace binge
