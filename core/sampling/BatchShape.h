#pragma once
// The rules of a batch's shape, in the layer that owns them (issue 17, item 3): the hierarchical
// sampler draws M titles × K = B / M clips, so B must be a multiple of M; such a batch has an expected
// share of (K − 1) / (B − 1) same-title negatives; and a data-parallel job of N ranks draws one global
// batch of N·B clips from N·M titles (data/Shard.h). The config validation, the samplers, the CLI and
// the GUI all call these instead of restating them. Torch-free.
#include <string>

namespace binge {

// "" when B clips from M titles per batch can be drawn by the hierarchical sampler; otherwise why not,
// in one sentence naming both numbers.
std::string hierarchicalBatchProblem(int batchSize, int titlesPerBatch);

// (K − 1) / (B − 1): the share of a clip's in-batch negatives that come from its own title when every
// title gives K = B / M clips. 0 for a batch of one clip.
double expectedSameTitleShare(int batchSize, int titlesPerBatch);

// The global batch of a data-parallel job: every rank draws the same N·B clips from N·M titles.
struct GlobalBatchShape {
  int batchSize = 0;
  int titlesPerBatch = 0;
};
GlobalBatchShape globalBatchShape(int batchSizePerRank, int titlesPerBatchPerRank, int ranks);

}  // namespace binge
