#pragma once
// Which encoders and heads a run trains (docs/architecture.md, Presets). Torch-free so the GUI's config form and the
// run-directory readers can use it. JSON keys, flags and ranges: the model.* rows of
// train/ConfigFields.cpp.
#include <string>

namespace binge {

struct ModelConfig {
  // "tiny": small 3-D CNN video + 2-D CNN audio encoders for CPUs.
  // "paper": R(2+1)D-18 video (torchvision's r2plus1d_18) + 1-channel ResNet-18 audio.
  std::string architecture = "tiny";
  int tinyWidth = 32;        // channels of the tiny encoders' first block; later blocks double it
  int headHiddenDim = 512;   // hidden width of each projection MLP
  int embeddingDim = 128;    // output of the heads, L2-normalised
  // After each convolution of the tiny encoders: "batch" (BatchNorm) or "group" (GroupNorm, independent
  // of how a data-parallel job splits the batch). The paper encoders always use BatchNorm.
  std::string normalization = "batch";
};

}  // namespace binge
