#include "sampling/TitleBalancedSampler.h"

#include <numeric>

namespace binge {
namespace {
std::vector<int> allEntries(const ClipIndex& index) {
  std::vector<int> entries(index.titles().size());
  std::iota(entries.begin(), entries.end(), 0);
  return entries;
}
}  // namespace

TitleBalancedSampler::TitleBalancedSampler(const ClipIndex& index, const SamplerConfig& config)
    : Sampler(index, config),
      cycle_(allEntries(index), titleWeights(index, allEntries(index), config.titleWeightAlpha)),
      pool_(index) {}

void TitleBalancedSampler::reset() {
  cycle_.reset();
  pool_.reset();
}

std::vector<ClipWindow> TitleBalancedSampler::draw() {
  std::vector<ClipWindow> batch;
  while (static_cast<int>(batch.size()) < config_.batchSize) {
    const int entry = cycle_.next(rng_);
    batch.push_back(window(entry, pool_.take(entry, rng_, [](int) { return true; })));
  }
  epoch_ = cycle_.epochsCompleted();
  return batch;
}

}  // namespace binge
