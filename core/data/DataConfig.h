#pragma once
// How batches are drawn and loaded: the library, the sampler and its parameters, the clip geometry,
// augmentation and loader threads. Plain struct with defaults; filled from presets, the CLI and the GUI.
#include "media/ClipSpec.h"

#include <cstdint>
#include <string>

namespace binge {

struct DataConfig {
  std::string libraryPath;
  std::string cacheDir;              // prepared clip cache; empty = <library dir>/.binge-cache/<geometry>
  std::string sampler = "hierarchical";  // uniform | title-balanced | hierarchical
  int batchSize = 32;
  int titlesPerBatch = 4;            // M of the hierarchical sampler; K = batchSize / M
  double minGapSeconds = 2.0;        // between clips of one title (hierarchical)
  double strideSeconds = 0.0;        // clip window stride; 0 = clip length
  double titleWeightAlpha = 0.0;     // titles weighted by duration^alpha (0 = uniform over titles)
  std::uint64_t seed = 0;
  ClipSpec clip;                     // decode geometry (fps, frames, short side, audio)
  int cropSize = 64;                 // spatial crop fed to the model
  bool augment = true;               // random resized crop, flip, colour jitter; off = centre crop
  int loaderThreads = 1;             // worker threads producing batches
  int queueDepth = 4;                // bounded queue of ready batches
};

}  // namespace binge
