#pragma once
// Every setting of a training run, once: its key in config.json, its `binge-cli train` flag, its help
// text, its allowed values and the GUI section it belongs to. JSON writing and reading (with
// unknown-key errors), the CLI's options, the checks of single values, the sweep's grid keys and the
// GUI's training form all come from this table, so a new hyperparameter is one row in ConfigFields.cpp
// plus its use (docs/architecture.md, "One config"). Rules that tie several fields together stay in
// validate() (train/TrainConfig.cpp). Torch-free.
#include "train/TrainConfig.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <variant>
#include <vector>

namespace binge {

// Where a field's value lives inside one TrainConfig.
using FieldSlot = std::variant<int*, std::int64_t*, std::uint64_t*, double*, bool*, std::string*>;

// The numbers a field allows: from low to high, each end closed unless marked open.
struct FieldRange {
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
  bool lowOpen = false;
  bool highOpen = false;

  bool contains(double value) const;
  std::string describe() const;  // "> 0", ">= 1", "in [0, 1)"; "" when unbounded
};

enum class FieldType { Integer, Number, Boolean, Text };

struct ConfigField {
  std::string key;    // dotted path in config.json: "optimizer.lr"
  std::string flag;   // binge-cli train option without its dashes: "lr"
  std::string help;
  std::string group;  // the training form's section: "Data", "Sampling", "Model", "Optimizer", …
  FieldSlot (*slot)(TrainConfig&);
  FieldRange range;                  // numbers
  std::vector<std::string> choices;  // text with a fixed set of values
  bool isPath = false;               // a file or folder: made absolute when given on the command line
  bool changesOnResume = false;      // a resumed run takes it from the command line (the rest is the run's own)
  bool (*inUse)(const TrainConfig&) = nullptr;  // null: always; else whether the value matters at all

  FieldType type() const;
  // False when the rest of `config` makes this value irrelevant (titles per batch of a uniform
  // sampler, the probe interval without a probe set); forms grey such a field out.
  bool usedBy(const TrainConfig& config) const { return !inUse || inUse(config); }
  // Where the value sits in config.json: "optimizer.lr" → /optimizer/lr.
  nlohmann::json::json_pointer pointer() const;
  nlohmann::json value(const TrainConfig& config) const;
  // Throws std::invalid_argument naming the key when the JSON value has the wrong type.
  void setValue(TrainConfig& config, const nlohmann::json& value) const;
  // The value as text that parse() reads back exactly (doubles with all their digits).
  std::string text(const TrainConfig& config) const;
  // `text` ("1e-3", "true", "hierarchical") as a JSON value of the field's type, for setValue() or a
  // JSON patch; throws std::invalid_argument naming the flag and the text when it is not one. Range and
  // choices are checked by problem(), not here, so a form can hold an out-of-range value while it is
  // being typed and show why it cannot start.
  nlohmann::json parse(const std::string& text) const;
  // "" when the value is allowed, else "optimizer.lr must be > 0, got -0.1".
  std::string problem(const TrainConfig& config) const;
};

// The table, in the order the help text and the form list them.
const std::vector<ConfigField>& trainConfigFields();
const ConfigField* fieldByFlag(const std::string& flag);
const ConfigField* fieldByKey(const std::string& key);

// The rows that set a sampler of its own (binge-cli sample, the Batches and Sampling tabs): those
// whose value lives in data.sampler, in table order, then the seed, which seeds the sampler
// (samplerOf() in train/TrainConfig.h).
std::vector<const ConfigField*> samplerFields();

// The field a validation message is about: the first key of the table it names, longest first (so
// "data.clip.fps" wins over "data.clip"). Null when it names none. The GUI shows the message there.
const ConfigField* fieldNamedIn(const std::string& message);

}  // namespace binge
