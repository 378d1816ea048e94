#include "sampling/BatchShape.h"

#include <algorithm>

namespace binge {

TitleLayout titleLayout(const SamplerConfig& config) {
  TitleLayout layout;
  const int b = std::max(1, config.batchSize);
  layout.titles = std::clamp(config.titlesPerBatch, 1, b);
  layout.clipsPerTitle = (b + layout.titles - 1) / layout.titles;
  return layout;
}

std::string hierarchicalBatchProblem(const SamplerConfig& config) {
  const int b = config.batchSize, m = config.titlesPerBatch;
  if (m < 1) return "titles per batch (M) must be at least 1, not " + std::to_string(m);
  if (m > b) return "titles per batch (" + std::to_string(m) + ") cannot exceed the batch size (" + std::to_string(b) + ")";
  if (b % m != 0)
    return "batch size " + std::to_string(b) + " is not divisible by titles per batch " + std::to_string(m) +
           " (hierarchical sampling draws B / M clips per title)";
  return {};
}

double expectedSameTitleShare(const SamplerConfig& config) {
  if (config.kind != "hierarchical") return -1.0;
  const int b = config.batchSize, m = config.titlesPerBatch;
  if (b < 2 || m < 1) return 0.0;
  const int k = b / m;
  return static_cast<double>(k - 1) / (b - 1);
}

SamplerConfig globalSampler(const SamplerConfig& perRank, int ranks) {
  SamplerConfig global = perRank;
  global.batchSize = perRank.batchSize * ranks;
  global.titlesPerBatch = perRank.titlesPerBatch * ranks;
  return global;
}

SamplerConfig withBatchSize(SamplerConfig config, int batchSize) {
  config.batchSize = batchSize;
  config.titlesPerBatch = std::clamp(config.titlesPerBatch, 1, std::max(1, batchSize));
  while (batchSize % config.titlesPerBatch != 0) --config.titlesPerBatch;
  return config;
}

}  // namespace binge
