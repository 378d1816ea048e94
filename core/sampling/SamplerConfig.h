#pragma once
// How a sampler draws batches (the kinds are described in sampling/Sampler.h). A training run holds one
// in its DataConfig; the Batches and Sampling tabs build their own.
#include <cstdint>
#include <string>

namespace binge {

struct SamplerConfig {
  std::string kind = "hierarchical";  // uniform | title-balanced | hierarchical
  int batchSize = 32;
  int titlesPerBatch = 4;             // M (hierarchical); K = batchSize / M
  double minGapSeconds = 2.0;         // between clips of one title (hierarchical)
  double titleWeightAlpha = 0.0;      // titles weighted by duration^alpha within an epoch (0 = uniform)
  std::uint64_t seed = 0;
};

}  // namespace binge
