#pragma once
// Probes during training: the trainer's probe hook. The probe set is decoded once when the
// hook is made — one clip per item, the middle one, so a live probe stays cheap (`binge-cli probe`
// averages three) — so each call costs only the forward passes over its clips plus the kNN and linear
// probes (video and audio). Each event reports its own cost and its share of the wall time since the
// previous probe, so a user sees what the interval costs, and carries the random-init baseline of the
// same preset and seed (computed once, cached in the run directory) for the plot's dashed lines.
#include "eval/ProbeEvaluator.h"
#include "train/Trainer.h"

#include <filesystem>
#include <memory>

namespace binge {

// Steps between live probes when --probe is given without an interval. Chosen so the probe's cost
// stays under 10% of training time for the tiny preset on a 2-core CPU (docs/benchmarks.md, Evaluation).
constexpr int kDefaultProbeEvery = 200;

// Where a run caches its random-init probe (the JSON of the "random_init" field of its probe events).
constexpr const char* kProbeBaselineFile = "probe_baseline.json";

// Throws ProbeSetError / MediaError naming the folder or file when the probe set cannot be loaded.
// runDir (may be empty) is where the baseline is cached; without one it is computed each time.
// sharedCacheDir (may be empty) is a folder of baselines shared by many runs (a sweep's): a baseline
// found there for the same preset, seed and probe set is copied instead of computed, and a computed
// one is left there for the next run.
ProbeHook makeLiveProbeHook(const TrainConfig& config, torch::Device device, const std::filesystem::path& runDir = {},
                            const std::filesystem::path& sharedCacheDir = {});

}  // namespace binge
