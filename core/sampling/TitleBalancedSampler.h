#pragma once
#include "sampling/Sampler.h"
#include "sampling/TitleCycle.h"
#include "sampling/WindowPool.h"

namespace binge {

// A title from the title cycle (uniform, or weighted by duration^alpha), then one window of it from
// the title's pool. An epoch is one pass over the titles.
class TitleBalancedSampler : public Sampler {
 public:
  TitleBalancedSampler(const ClipIndex& index, const SamplerConfig& config);

 protected:
  std::vector<ClipWindow> draw() override;
  void reset() override;

 private:
  TitleCycle cycle_;
  WindowPool pool_;
};

}  // namespace binge
