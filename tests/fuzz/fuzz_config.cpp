// config.json of a run and preset files: read through the field table (unknown keys, wrong types,
// out-of-range values are refused with the key's name), then validated as a whole.
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "train/TrainConfig.h"

#include <exception>

BINGE_FUZZ_TARGET(config) {
  const binge::fuzz::MemoryFile file(data, size, "preset.json");
  try {
    const binge::TrainConfig preset = binge::loadPreset(file.path());  // a preset file, as --preset PATH reads it
    (void)binge::configProblems(preset);
    (void)binge::toJson(preset).dump();
  } catch (const std::exception&) {
  }
  try {  // a run's config.json, as --resume and --config read it
    const auto json = nlohmann::json::parse(data, data + size);
    const binge::TrainConfig config = binge::trainConfigFromJson(json);
    binge::validate(config);
  } catch (const std::exception&) {
  }
  return 0;
}
