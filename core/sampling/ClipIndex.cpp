#include "sampling/ClipIndex.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace binge {

ClipIndex::ClipIndex(const Library& library, double clipSeconds, double strideSeconds)
    : clipSeconds_(clipSeconds), stride_(strideSeconds > 0 ? strideSeconds : clipSeconds) {
  if (!(clipSeconds > 0)) throw std::invalid_argument("clip length must be positive");
  for (size_t i = 0; i < library.titles.size(); ++i) {
    const Title& t = library.titles[i];
    if (!t.trainable()) {
      excluded_.push_back({t.id, t.path, t.message.empty() ? "not trainable (" + std::string(toString(t.status)) + ")"
                                                           : t.message});
      continue;
    }
    // A window must fit entirely: the last one starts at or before duration - clipSeconds. The small
    // epsilon keeps a title of exactly n clip lengths from losing its last window to rounding.
    const int windows = static_cast<int>(std::floor((t.duration - clipSeconds_) / stride_ + 1e-6)) + 1;
    if (windows < 1) {
      excluded_.push_back({t.id, t.path, "shorter than one clip (" + std::to_string(t.duration) + " s)"});
      continue;
    }
    add({static_cast<int>(i), t.id, t.series, t.duration, windows});
  }
}

void ClipIndex::add(const IndexedTitle& title) {
  titles_.push_back(title);
  totalWindows_ += title.windowCount;
}

std::pair<ClipIndex, ClipIndex> ClipIndex::splitByTitle(double validationShare, std::uint64_t seed) const {
  std::vector<int> order(titles_.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  size_t validation = static_cast<size_t>(std::lround(validationShare * static_cast<double>(order.size())));
  if (validationShare > 0 && validation == 0 && order.size() >= 2) validation = 1;
  ClipIndex train, val;
  for (ClipIndex* part : {&train, &val}) {
    part->clipSeconds_ = clipSeconds_;
    part->stride_ = stride_;
    part->excluded_ = excluded_;
  }
  std::sort(order.begin(), order.begin() + static_cast<long>(validation));
  std::sort(order.begin() + static_cast<long>(validation), order.end());
  for (size_t k = 0; k < order.size(); ++k) (k < validation ? val : train).add(titles_[order[k]]);
  return {train, val};
}

}  // namespace binge
