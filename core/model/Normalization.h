#pragma once
// The normalisation layer after each convolution of the tiny encoders. BatchNorm (the default) uses
// the statistics of the batch it sees — in a data-parallel job, of one rank's slice — so results
// depend on how the global batch is split. GroupNorm normalises each clip on its own: the choice when
// per-rank batches are small, and what makes a multi-process run match a single-process one exactly.
#include <torch/torch.h>

#include <string>

namespace binge {

// kind: "batch" | "group"; `spatialDims`: 2 (audio) or 3 (video).
torch::nn::AnyModule makeNormalization(const std::string& kind, int64_t channels, int spatialDims);

}  // namespace binge
