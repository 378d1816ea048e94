#include "sampling/BatchStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace binge {

BatchStatistics computeBatchStatistics(const ClipIndex& index, const std::vector<ClipWindow>& batch) {
  BatchStatistics s;
  s.batchSize = static_cast<int>(batch.size());
  std::map<int, std::vector<double>> startsByTitle;
  std::map<std::string, int> clipsBySeries;
  for (const auto& clip : batch) {
    const auto& title = index.titles()[clip.entry];
    startsByTitle[clip.entry].push_back(clip.start);
    if (!title.series.empty()) ++clipsBySeries[title.series];
    s.relativePositions.push_back(title.duration > 0 ? clip.start / title.duration : 0.0);
  }
  s.distinctTitles = static_cast<int>(startsByTitle.size());
  double sameTitlePairs = 0, gapSum = 0, gapCount = 0;
  double minGap = std::numeric_limits<double>::infinity();
  for (auto& [entry, starts] : startsByTitle) {
    const double n = static_cast<double>(starts.size());
    s.clipsPerTitle.push_back(static_cast<int>(starts.size()));
    sameTitlePairs += n * (n - 1);
    for (size_t i = 0; i < starts.size(); ++i)
      for (size_t j = i + 1; j < starts.size(); ++j) {
        const double gap = std::abs(starts[i] - starts[j]);
        minGap = std::min(minGap, gap);
        gapSum += gap;
        ++gapCount;
      }
  }
  double sameSeriesPairs = 0;
  for (const auto& [series, n] : clipsBySeries) sameSeriesPairs += static_cast<double>(n) * (n - 1);
  // Pairs of one series include the same-title pairs of its episodes: count only different titles.
  for (const auto& [entry, starts] : startsByTitle)
    if (!index.titles()[entry].series.empty()) sameSeriesPairs -= static_cast<double>(starts.size()) * (starts.size() - 1);
  std::sort(s.clipsPerTitle.rbegin(), s.clipsPerTitle.rend());
  const double negatives = static_cast<double>(s.batchSize) * (s.batchSize - 1);
  if (negatives > 0) {
    s.sameTitleNegativeShare = sameTitlePairs / negatives;
    s.sameSeriesNegativeShare = sameSeriesPairs / negatives;
  }
  if (gapCount > 0) {
    s.minSameTitleGap = minGap;
    s.meanSameTitleGap = gapSum / gapCount;
  }
  return s;
}

nlohmann::json toJson(const BatchStatistics& s) {
  return {{"batch_size", s.batchSize},
          {"distinct_titles", s.distinctTitles},
          {"clips_per_title", s.clipsPerTitle},
          {"same_title_negative_share", s.sameTitleNegativeShare},
          {"same_series_negative_share", s.sameSeriesNegativeShare},
          {"min_same_title_gap_s", s.minSameTitleGap},
          {"mean_same_title_gap_s", s.meanSameTitleGap},
          {"relative_positions", s.relativePositions}};
}

void SamplingReport::add(const std::vector<ClipWindow>& batch) {
  const BatchStatistics s = computeBatchStatistics(index_, batch);
  ++batches_;
  sumSameTitleShare_ += s.sameTitleNegativeShare;
  sumDistinctTitles_ += s.distinctTitles;
  for (int count : s.clipsPerTitle) ++clipsPerTitleHistogram_[count];
  positions_.insert(positions_.end(), s.relativePositions.begin(), s.relativePositions.end());
  for (const auto& clip : batch) {
    titlesSeen_.insert(clip.entry);
    if (!windowsSeen_.insert({clip.entry, clip.window}).second) ++repeats_;
  }
}

double SamplingReport::meanSameTitleNegativeShare() const { return batches_ ? sumSameTitleShare_ / batches_ : 0.0; }
double SamplingReport::meanDistinctTitles() const { return batches_ ? sumDistinctTitles_ / batches_ : 0.0; }

double SamplingReport::titleCoverage() const {
  return index_.titles().empty() ? 0.0 : static_cast<double>(titlesSeen_.size()) / index_.titles().size();
}

double SamplingReport::windowCoverage() const {
  return index_.windowCount() ? static_cast<double>(windowsSeen_.size()) / static_cast<double>(index_.windowCount()) : 0.0;
}

std::vector<int> SamplingReport::positionHistogram(int bins) const {
  std::vector<int> histogram(static_cast<size_t>(bins), 0);
  for (double p : positions_) ++histogram[static_cast<size_t>(std::clamp(static_cast<int>(p * bins), 0, bins - 1))];
  return histogram;
}

nlohmann::json SamplingReport::toJson() const {
  nlohmann::json perTitle = nlohmann::json::object();
  for (const auto& [count, batches] : clipsPerTitleHistogram_) perTitle[std::to_string(count)] = batches;
  return {{"batches", batches_},
          {"mean_same_title_negative_share", meanSameTitleNegativeShare()},
          {"mean_distinct_titles", meanDistinctTitles()},
          {"clips_per_title_histogram", perTitle},
          {"position_histogram", positionHistogram()},
          {"title_coverage", titleCoverage()},
          {"window_coverage", windowCoverage()},
          {"repeated_windows", repeats_}};
}

}  // namespace binge
