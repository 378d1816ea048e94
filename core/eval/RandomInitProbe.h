#pragma once
// The random-init baseline: the probes of a model exactly as the trainer initialises it at step 0 (same
// preset, same seed), on a probe set already decoded. Every probe plot draws it as the line a trained
// model has to rise above; `binge-cli bench world` reports it to show the demo world leaves room to learn.
#include "eval/FeatureExtractor.h"
#include "eval/ProbeEvaluator.h"
#include "train/TrainConfig.h"

#include <torch/torch.h>

namespace binge {

// Seeds torch with config.seed, builds config.model, and probes it on `inputs`.
ProbeReport probeRandomInit(const TrainConfig& config, const ProbeInputs& inputs, torch::Device device,
                            const ProbeOptions& options = {});

}  // namespace binge
