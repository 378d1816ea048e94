#include "train/TrainConfig.h"

#include "sampling/BatchShape.h"

#include "train/ConfigFields.h"
#include "runtime/AtomicFile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace binge {
namespace {

// "preset" records where a config came from; it is not a setting, so it has no row in the table.
constexpr const char* kPresetKey = "preset";

// Every key of `json` (recursively, as dotted paths under `prefix`) must be a field or a section that
// holds fields: a typo in a preset must not be ignored.
void rejectUnknownKeys(const nlohmann::json& json, const std::string& prefix) {
  if (!json.is_object()) throw std::invalid_argument((prefix.empty() ? "config" : prefix) + " must be a JSON object");
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (prefix.empty() && key == kPresetKey) continue;
    if (fieldByKey(key)) continue;
    const bool isSection = std::any_of(trainConfigFields().begin(), trainConfigFields().end(),
                                       [&](const ConfigField& f) { return f.key.rfind(key + ".", 0) == 0; });
    if (!isSection) throw std::invalid_argument("unknown config key: " + key);
    rejectUnknownKeys(*it, key);
  }
}

// Rules that tie several fields together; each single value is checked by its row of the table.
std::vector<std::string> crossFieldProblems(const TrainConfig& c) {
  std::vector<std::string> out;
  const auto& d = c.data;
  if (d.sampler.kind == "hierarchical") {
    if (const auto problem = hierarchicalBatchProblem(d.sampler); !problem.empty())
      out.push_back("data.batch_size and data.titles_per_batch: " + problem);
  }
  if (d.clip.shortSide != 0 && d.clip.shortSide < d.cropSize)
    out.push_back("data.clip.short_side must be >= data.crop_size (" + std::to_string(d.cropSize) + "), got " +
                  std::to_string(d.clip.shortSide));
  if (c.model.normalization == "group" && c.model.architecture != "tiny")
    out.push_back("model.normalization \"group\" is available for the tiny architecture only");
  if (!c.synthetic && d.libraryPath.empty())
    out.push_back("data.library: no library given (and synthetic batches are off)");
  return out;
}

}  // namespace

nlohmann::json toJson(const TrainConfig& c) {
  nlohmann::json out = {{kPresetKey, c.preset}};
  for (const auto& field : trainConfigFields()) out[field.pointer()] = field.value(c);
  return out;
}

void applyJson(TrainConfig& c, const nlohmann::json& json) {
  rejectUnknownKeys(json, "");
  if (const auto it = json.find(kPresetKey); it != json.end()) {
    if (!it->is_string()) throw std::invalid_argument(std::string(kPresetKey) + " has the wrong type: " + it->dump());
    c.preset = it->get<std::string>();
  }
  for (const auto& field : trainConfigFields())
    if (json.contains(field.pointer())) field.setValue(c, json.at(field.pointer()));
  c.data.sampler = samplerOf(c);
}

SamplerConfig samplerOf(const TrainConfig& c) {
  // The sampler is seeded from the run's seed so one number reproduces the whole run.
  SamplerConfig sampler = c.data.sampler;
  sampler.seed = c.seed;
  return sampler;
}

TrainConfig trainConfigFromJson(const nlohmann::json& json) {
  TrainConfig c;
  applyJson(c, json);
  return c;
}

std::vector<std::string> configProblems(const TrainConfig& c) {
  std::vector<std::string> out;
  for (const auto& field : trainConfigFields())
    if (auto problem = field.problem(c); !problem.empty()) out.push_back(std::move(problem));
  for (auto& problem : crossFieldProblems(c)) out.push_back(std::move(problem));
  return out;
}

void validate(const TrainConfig& c) {
  const auto problems = configProblems(c);
  if (!problems.empty()) throw std::invalid_argument(problems.front());
}

std::vector<std::filesystem::path> presetSearchPath() {
  std::vector<std::filesystem::path> dirs;
#ifdef BINGE_PRESET_DIR
  dirs.emplace_back(BINGE_PRESET_DIR);
#endif
  dirs.emplace_back("/usr/share/binge/presets");
  return dirs;
}

std::filesystem::path findPreset(const std::string& nameOrPath) {
  namespace fs = std::filesystem;
  if (nameOrPath.find('/') != std::string::npos || fs::path(nameOrPath).extension() == ".json") {
    if (!fs::is_regular_file(nameOrPath)) throw std::invalid_argument("preset file not found: " + nameOrPath);
    return nameOrPath;
  }
  std::string known;
  for (const auto& dir : presetSearchPath()) {
    const auto candidate = dir / (nameOrPath + ".json");
    if (fs::is_regular_file(candidate)) return candidate;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".json") continue;
      const std::string stem = entry.path().stem().string();
      if (known.find(stem) == std::string::npos) known += (known.empty() ? "" : ", ") + stem;
    }
  }
  throw std::invalid_argument("unknown preset \"" + nameOrPath + "\" (known: " + (known.empty() ? "none found" : known) +
                              ")");
}

TrainConfig loadPreset(const std::string& nameOrPath) {
  const auto path = findPreset(nameOrPath);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(readWholeFile(path));
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument("preset " + path.string() + " is not valid JSON: " + e.what());
  }
  TrainConfig config;
  try {
    applyJson(config, json);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("preset " + path.string() + ": " + e.what());
  }
  config.preset = nameOrPath;
  return config;
}

TrainConfig presetOrDefaults(const std::string& nameOrPath) {
  try {
    return loadPreset(nameOrPath);
  } catch (const std::invalid_argument&) {
    TrainConfig defaults;
    defaults.preset = nameOrPath;
    return defaults;
  }
}

int melFrames(const ClipSpec& clip) {
  const int samples = static_cast<int>(std::lround(clip.audioSeconds * clip.sampleRate));
  const int hop = static_cast<int>(std::lround(clip.hopMs * clip.sampleRate / 1000.0));
  return samples / std::max(hop, 1) + 1;
}

}  // namespace binge
