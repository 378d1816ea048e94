#pragma once
// The command-line face of the field table (train/ConfigFields.h): one option per setting, registered
// from the table, and the options a user gave turned into a JSON patch that applyJson() lays over the
// preset and --config file. `train`, `sweep` (through train's parser) and `--help` all see the same
// options, so a new row in the table is a new flag with no edit here.
#include "train/ConfigFields.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace binge::cli {

class ConfigOptions {
 public:
  // Adds --<flag> for every field to `cmd`, in groups named after the fields' form sections.
  void addTo(CLI::App* cmd);
  // The same for some of the rows only (`sample` takes samplerFields()).
  void addTo(CLI::App* cmd, std::vector<const ConfigField*> fields);
  // The flags the user gave, without dashes, in table order.
  std::vector<std::string> givenFlags() const;
  // The given values as a partial config JSON; paths made absolute. Throws std::invalid_argument (a usage
  // error) for a value that is not of the field's type.
  nlohmann::json patch() const;

 private:
  CLI::App* app_ = nullptr;
  std::vector<const ConfigField*> fields_;
  std::map<std::string, std::string> texts_;  // flag → the text given
  std::map<std::string, bool> switches_;      // flag → value, for true/false fields
};

}  // namespace binge::cli
