#include "train/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>

namespace binge {

double learningRate(const OptimizerConfig& optimizer, const ScheduleConfig& schedule, std::int64_t step,
                    std::int64_t totalSteps) {
  const double base = optimizer.lr;
  if (schedule.warmupSteps > 0 && step <= schedule.warmupSteps)
    return base * static_cast<double>(step) / schedule.warmupSteps;
  if (schedule.kind == "constant") return base;
  const double span = std::max<std::int64_t>(1, totalSteps - schedule.warmupSteps);
  const double progress = std::clamp(static_cast<double>(step - schedule.warmupSteps) / span, 0.0, 1.0);
  const double cosine = 0.5 * (1.0 + std::cos(M_PI * progress));
  return base * (schedule.minLrFactor + (1.0 - schedule.minLrFactor) * cosine);
}

}  // namespace binge
