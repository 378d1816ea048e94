#pragma once
#include "sampling/Sampler.h"
#include "sampling/TitleCycle.h"
#include "sampling/WindowPool.h"

namespace binge {

// The paper's sampler: M titles from the title cycle, then K = B / M windows of each, at least
// min_gap seconds apart, from the title's window pool. Every batch thus holds M·K·(K−1) ordered
// same-title (hard) negative pairs: a share of (K−1)/(B−1) of all negatives.
//
// Titles that cannot give K windows min_gap apart are left out (listed in notes()); fewer than M
// usable titles is an error. When the random pool order blocks a gap-respecting choice, K evenly
// spaced windows at a random offset are used instead (counted in fallbacks()).
class HierarchicalSampler : public Sampler {
 public:
  HierarchicalSampler(const ClipIndex& index, const SamplerConfig& config);

  int clipsPerTitle() const { return clipsPerTitle_; }
  std::int64_t fallbacks() const { return fallbacks_; }
  // Most windows of the title that can be drawn min_gap apart.
  static int maxClipsAtGap(const IndexedTitle& title, double strideSeconds, double minGapSeconds);

 protected:
  std::vector<ClipWindow> draw() override;
  void reset() override;

 private:
  std::vector<int> evenlySpaced(int entry);
  int clipsPerTitle_ = 1;
  std::vector<int> usable_;
  TitleCycle cycle_;
  WindowPool pool_;
  std::int64_t fallbacks_ = 0;
};

}  // namespace binge
