#pragma once
// Linear warmup then cosine decay (or constant). A pure function of the step, so the schedule's whole
// state in a checkpoint is the step counter and the config — resume cannot drift.
#include "train/TrainConfig.h"

#include <cstdint>

namespace binge {

// Learning rate for optimizer step `step` (1-based) of `totalSteps`.
double learningRate(const OptimizerConfig& optimizer, const ScheduleConfig& schedule, std::int64_t step,
                    std::int64_t totalSteps);

}  // namespace binge
