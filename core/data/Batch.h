#pragma once
// A training batch as the model gets it, plus where each clip came from.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace binge {

struct ClipRef {
  std::string titleId;
  int titleIndex = -1;   // index into the library's titles
  double start = 0.0;    // seconds
};

struct Batch {
  torch::Tensor video;   // [B, 3, T, H, W] float32, normalised
  torch::Tensor audio;   // [B, 1, mels, frames] float32 log-mel
  std::vector<ClipRef> clips;
  // In a data-parallel run: the clips of the whole global batch (all ranks), in rank order; `clips` is
  // this rank's slice of it. Empty in a single-process run.
  std::vector<ClipRef> globalClips;
  double dataWaitMs = 0.0;  // how long the consumer waited for this batch
};

}  // namespace binge
