#pragma once
// Probes during training (issue 7): the trainer's probe hook. The probe set is decoded once when the
// hook is made, so each call costs only the forward passes over its clips plus the kNN and linear
// probes (video and audio). Each event reports its own cost and its share of the wall time since the
// previous probe, so a user sees what the interval costs.
#include "eval/ProbeEvaluator.h"
#include "train/Trainer.h"

#include <memory>

namespace binge {

// Steps between live probes when --probe is given without an interval. Chosen so the probe's cost
// stays under 10% of training time for the tiny preset on a 2-core CPU (docs/benchmarks.md, Evaluation).
constexpr int kDefaultProbeEvery = 200;

// Throws ProbeSetError / MediaError naming the folder or file when the probe set cannot be loaded.
ProbeHook makeLiveProbeHook(const TrainConfig& config, torch::Device device);

}  // namespace binge
