#pragma once
// What differs between two runs' config.json (docs/architecture.md, Files: the fully resolved config): both are
// flattened to dotted paths ("data.sampler", "model.tiny_width"; array elements as "schedule.steps[2]")
// and only the paths whose values differ are kept, in path order. A path one side lacks shows as absent.
// Plain values without Qt, so the dialog and the tests read the same rows.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace binge::ui {

struct ConfigDifference {
  std::string path;    // "data.sampler"
  std::string left;    // "uniform" (strings unquoted, other values as compact JSON)
  std::string right;   // "hierarchical"
  bool leftMissing = false;
  bool rightMissing = false;
};

// Every leaf of `config` under its dotted path. An empty object or array is a leaf ("{}" / "[]").
std::map<std::string, std::string> flattenConfig(const nlohmann::json& config);

std::vector<ConfigDifference> diffConfigs(const nlohmann::json& left, const nlohmann::json& right);

}  // namespace binge::ui
