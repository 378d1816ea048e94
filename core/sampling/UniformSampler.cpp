#include "sampling/UniformSampler.h"

#include <algorithm>
#include <numeric>

namespace binge {

UniformSampler::UniformSampler(const ClipIndex& index, const SamplerConfig& config) : Sampler(index, config) {
  std::int64_t total = 0;
  for (const auto& t : index.titles()) {
    firstWindow_.push_back(total);
    total += t.windowCount;
  }
  reset();
}

void UniformSampler::reset() {
  order_.resize(static_cast<size_t>(index_.windowCount()));
  cursor_ = order_.size();  // shuffle on first draw, from the freshly seeded generator
  started_ = false;
}

void UniformSampler::shuffle() {
  std::iota(order_.begin(), order_.end(), 0);
  std::shuffle(order_.begin(), order_.end(), rng_);
  cursor_ = 0;
}

std::vector<ClipWindow> UniformSampler::draw() {
  std::vector<ClipWindow> batch;
  batch.reserve(static_cast<size_t>(config_.batchSize));
  while (static_cast<int>(batch.size()) < config_.batchSize) {
    if (cursor_ >= order_.size()) {
      if (started_) ++epoch_;
      shuffle();
      started_ = true;
    }
    const std::int64_t id = order_[cursor_++];
    const auto it = std::upper_bound(firstWindow_.begin(), firstWindow_.end(), id) - 1;
    const int entry = static_cast<int>(it - firstWindow_.begin());
    batch.push_back(window(entry, static_cast<int>(id - *it)));
  }
  return batch;
}

}  // namespace binge
