#pragma once
#include "sampling/Sampler.h"

namespace binge {

// Each batch element is a window drawn uniformly over all windows of the library; an epoch is one
// pass over a fresh permutation of all windows, so no window repeats within an epoch.
class UniformSampler : public Sampler {
 public:
  UniformSampler(const ClipIndex& index, const SamplerConfig& config);

 protected:
  std::vector<ClipWindow> draw() override;
  void reset() override;

 private:
  void shuffle();
  std::vector<std::int64_t> firstWindow_;  // prefix sums: global id of each title's first window
  std::vector<std::int64_t> order_;        // this epoch's permutation of global window ids
  size_t cursor_ = 0;
  bool started_ = false;
};

}  // namespace binge
