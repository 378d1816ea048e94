#pragma once
// What a batch holds, in the terms that matter for contrastive learning (docs/architecture.md, Sampling): how many
// titles, how many clips each, how many of the negatives are same-title (hard), how far apart
// same-title clips are, and where in their titles the clips lie. SamplingReport accumulates batches
// into epoch coverage. Torch-free: the GUI's sampling view uses it too.
#include "sampling/ClipIndex.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace binge {

struct BatchStatistics {
  int batchSize = 0;
  int distinctTitles = 0;
  std::vector<int> clipsPerTitle;        // one count per distinct title, descending
  double sameTitleNegativeShare = 0.0;   // of the B·(B−1) ordered negative pairs
  double sameSeriesNegativeShare = 0.0;  // different titles of one series (also hard)
  double minSameTitleGap = -1.0;         // seconds; -1 when no two clips share a title
  double meanSameTitleGap = -1.0;
  std::vector<double> relativePositions; // clip start / title duration, one per clip
};

BatchStatistics computeBatchStatistics(const ClipIndex& index, const std::vector<ClipWindow>& batch);
nlohmann::json toJson(const BatchStatistics& stats);

// Accumulates batches: means of the per-batch numbers, a histogram of clips per title per batch,
// a histogram of positions in time, and coverage of titles and windows.
class SamplingReport {
 public:
  explicit SamplingReport(const ClipIndex& index) : index_(index) {}
  void add(const std::vector<ClipWindow>& batch);

  int batches() const { return batches_; }
  double meanSameTitleNegativeShare() const;
  double meanDistinctTitles() const;
  double titleCoverage() const;   // share of the index's titles seen at least once
  double windowCoverage() const;  // share of all windows seen at least once
  std::int64_t repeatedWindows() const { return repeats_; }  // draws of a window already seen
  const std::map<int, int>& clipsPerTitleHistogram() const { return clipsPerTitleHistogram_; }
  std::vector<int> positionHistogram(int bins = 10) const;
  nlohmann::json toJson() const;

 private:
  const ClipIndex& index_;
  int batches_ = 0;
  double sumSameTitleShare_ = 0.0;
  double sumDistinctTitles_ = 0.0;
  std::map<int, int> clipsPerTitleHistogram_;
  std::vector<double> positions_;
  std::set<int> titlesSeen_;
  std::set<std::pair<int, int>> windowsSeen_;
  std::int64_t repeats_ = 0;
};

}  // namespace binge
