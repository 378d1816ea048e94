#pragma once
// Resolving a --preset option into a TrainConfig: an unknown preset is a usage error (exit 2).
#include "cli/CliCommon.h"
#include "train/TrainConfig.h"

namespace binge::cli {

inline TrainConfig loadPresetOrUsageError(const std::string& preset) {
  try {
    return loadPreset(preset);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

}  // namespace binge::cli
