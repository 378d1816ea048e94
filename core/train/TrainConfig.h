#pragma once
// Everything one training run is made of: model, data, loss, optimiser, schedule, step counts and
// intervals, seed and device. Plain structs with in-class defaults (STYLE.md), filled from a JSON preset
// (resources/presets/*.json), then overridden by the CLI or the GUI, then validated; the resolved result
// is what a run directory's config.json holds. Every field has one row in train/ConfigFields.cpp, from
// which its JSON key, CLI flag, range and form field come. Torch-free: the GUI builds its form from it.
#include "data/DataConfig.h"
#include "model/ModelConfig.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace binge {

struct LossConfig {
  double temperature = 0.07;          // τ of InfoNCE
  bool learnableTemperature = false;  // learn log(1/τ) as a parameter, starting at `temperature`
};

struct OptimizerConfig {
  std::string name = "adam";  // adam | sgd
  double lr = 1e-3;
  double weightDecay = 0.0;
  double adamBeta2 = 0.999;   // adam only: second-moment decay
  double momentum = 0.9;      // sgd only
  double gradClip = 1.0;      // max global gradient norm; 0 = off
};

struct ScheduleConfig {
  std::string kind = "cosine";  // cosine | constant (both after the linear warmup)
  int warmupSteps = 0;
  double minLrFactor = 0.0;     // cosine ends at lr · minLrFactor
};

struct TrainConfig {
  std::string preset;           // name or path it came from ("" = built-in defaults)
  ModelConfig model;
  DataConfig data;
  LossConfig loss;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  std::int64_t steps = 1000;
  int logEvery = 10;            // step event + metrics.csv row
  int batchEventEvery = 50;     // batch event with the similarity matrix and hardness stats; 0 = off
  int checkpointEvery = 200;    // 0 = only at the end and on stop
  int keepCheckpoints = 3;      // last N kept
  int probeEvery = 0;           // probe hook interval; 0 = off
  std::string probeDir;
  std::uint64_t seed = 0;
  std::string device = "auto";  // auto | cpu | cuda
  bool amp = true;              // mixed precision where the device supports it (CUDA)
  int maxNonFiniteInARow = 5;   // stop with an error after this many skipped non-finite steps in a row
  bool synthetic = false;       // train on SyntheticBatchSource instead of a library
};

nlohmann::json toJson(const TrainConfig& config);
// Applies the keys present in `json` on top of `config` (a partial JSON overrides only what it names).
// Unknown keys and wrong types throw std::invalid_argument naming the key.
void applyJson(TrainConfig& config, const nlohmann::json& json);
TrainConfig trainConfigFromJson(const nlohmann::json& json);
// The run's sampler, seeded from the run's seed (applyJson() keeps data.sampler so; an editor that sets
// fields one by one asks here).
SamplerConfig samplerOf(const TrainConfig& config);
// Throws std::invalid_argument with a clear message (negative lr, batch not divisible by titles, …).
void validate(const TrainConfig& config);
// The same checks, all of them: every message, in the order of the field table, then the rules that tie
// fields together. Empty when the config is valid. The GUI shows each beside the field it names.
std::vector<std::string> configProblems(const TrainConfig& config);

// Where presets are looked for, in order: the source tree's resources/presets (BINGE_PRESET_DIR), then
// /usr/share/binge/presets (the installed .deb).
std::vector<std::filesystem::path> presetSearchPath();
// `nameOrPath` is a preset name ("tiny", "paper") or a path to a JSON file. Throws std::invalid_argument
// listing the known presets when nothing matches.
std::filesystem::path findPreset(const std::string& nameOrPath);
// Built-in defaults with the preset applied; config.preset records the name.
TrainConfig loadPreset(const std::string& nameOrPath);
// loadPreset(), or the built-in defaults when the preset cannot be read (a form's starting point: it
// shows the preset's problem elsewhere and must still have something to show).
TrainConfig presetOrDefaults(const std::string& nameOrPath);

// Log-mel frames per clip for the config's audio geometry (centre-padded STFT: samples / hop + 1).
int melFrames(const ClipSpec& clip);

}  // namespace binge
