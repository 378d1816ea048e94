#pragma once
// Global negatives (GDT; docs/architecture.md, Presets): each rank's InfoNCE compares its own clips against the
// embeddings of the whole global batch. The forward pass all-gathers [B, E] into [world·B, E]; the
// backward pass sums the gradient of the gathered tensor over ranks (every rank's loss depends on every
// rank's embeddings) and keeps this rank's rows, so gradients reach the local encoders exactly as they
// would in one process holding the concatenated batch.
#include "train/DistributedSession.h"

#include <torch/torch.h>

namespace binge {

torch::Tensor gatherWithGradient(const torch::Tensor& local, DistributedSession& session);

}  // namespace binge
