#pragma once
// How batches are drawn and loaded: the library, the sampler and its parameters, the clip geometry,
// augmentation and loader threads. Plain struct with defaults; filled from presets, the CLI and the GUI.
#include "media/ClipSpec.h"
#include "sampling/SamplerConfig.h"

#include <string>

namespace binge {

struct DataConfig {
  std::string libraryPath;
  std::string cacheDir;              // prepared clip cache; empty = <library dir>/.binge-cache/<geometry>
  SamplerConfig sampler;             // kind, batch size, titles per batch, min gap, title weights, seed
  double strideSeconds = 0.0;        // clip window stride; 0 = clip length
  ClipSpec clip;                     // decode geometry (fps, frames, short side, audio)
  int cropSize = 64;                 // spatial crop fed to the model
  bool augment = true;               // random resized crop, flip, colour jitter; off = centre crop
  int loaderThreads = 1;             // worker threads producing batches
  int queueDepth = 4;                // bounded queue of ready batches
};

}  // namespace binge
