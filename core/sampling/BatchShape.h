#pragma once
// The rules of a batch's shape, in the layer that owns them: the hierarchical sampler draws M titles ×
// K = B / M clips, so B must be a multiple of M; such a batch has an expected share of (K − 1) / (B − 1)
// same-title negatives; and a data-parallel job of N ranks draws one global batch of N·B clips from N·M
// titles (data/Shard.h). The config validation, the samplers, the batch sources, the CLI and the GUI
// all call these instead of restating them. Torch-free.
#include "sampling/SamplerConfig.h"

#include <string>

namespace binge {

// How a batch of B clips is laid out by title: M titles (clamped to 1..B) of K = ⌈B / M⌉ clips each, the
// last title giving fewer when M does not divide B (only the synthetic source allows that; the
// hierarchical sampler requires hierarchicalBatchProblem() to be "" first, so K = B / M exactly).
struct TitleLayout {
  int titles = 1;
  int clipsPerTitle = 1;
};
TitleLayout titleLayout(const SamplerConfig& config);

// "" when the hierarchical sampler can draw B clips from M titles per batch; otherwise why not, in one
// sentence naming both numbers.
std::string hierarchicalBatchProblem(const SamplerConfig& config);

// (K − 1) / (B − 1): the share of a clip's in-batch negatives that come from its own title when every
// title gives K = B / M clips; -1 for a sampler that does not draw by title, 0 for a batch of one clip.
double expectedSameTitleShare(const SamplerConfig& config);

// The sampler of a data-parallel job of `ranks` ranks: every rank draws the same global batch of N·B
// clips from N·M titles and keeps its own slice.
SamplerConfig globalSampler(const SamplerConfig& perRank, int ranks);

// `config` with batch size `batchSize` and the largest M, at most its own, that divides it (a benchmark
// that sets the batch keeps a valid hierarchical shape).
SamplerConfig withBatchSize(SamplerConfig config, int batchSize);

}  // namespace binge
