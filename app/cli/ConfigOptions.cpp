#include "cli/ConfigOptions.h"

#include "cli/CliCommon.h"

#include <filesystem>

namespace binge::cli {

void ConfigOptions::addTo(CLI::App* cmd) {
  std::vector<const ConfigField*> all;
  for (const auto& field : trainConfigFields()) all.push_back(&field);
  addTo(cmd, std::move(all));
}

void ConfigOptions::addTo(CLI::App* cmd, std::vector<const ConfigField*> fields) {
  app_ = cmd;
  fields_ = std::move(fields);
  for (const ConfigField* row : fields_) {
    const ConfigField& field = *row;
    const std::string name = "--" + field.flag;
    std::string help = field.help + " [" + field.key;
    if (const auto range = field.range.describe(); !range.empty()) help += ", " + range;
    help += "]";
    const std::string group = field.group + " settings";
    // true/false fields are switches that also take a value: --synthetic, --augment=false.
    if (field.type() == FieldType::Boolean)
      cmd->add_flag(name, switches_[field.flag], help)->group(group);
    else
      cmd->add_option(name, texts_[field.flag], help)
          ->group(group)
          ->type_name(!field.choices.empty()                   ? "CHOICE"
                      : field.type() == FieldType::Integer     ? "INT"
                      : field.type() == FieldType::Number      ? "NUMBER"
                      : field.isPath                           ? "PATH"
                                                               : "TEXT");
  }
}

std::vector<std::string> ConfigOptions::givenFlags() const {
  std::vector<std::string> out;
  for (const ConfigField* field : fields_)
    if (app_->count("--" + field->flag) > 0) out.push_back(field->flag);
  return out;
}

nlohmann::json ConfigOptions::patch() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& flag : givenFlags()) {
    const ConfigField& field = *fieldByFlag(flag);
    nlohmann::json value;
    if (field.type() == FieldType::Boolean) {
      value = switches_.at(flag);
    } else {
      std::string text = texts_.at(flag);
      if (field.isPath && !text.empty()) text = std::filesystem::absolute(text).string();
      value = field.parse(text);  // std::invalid_argument: a usage error
    }
    out[field.pointer()] = value;
  }
  return out;
}

}  // namespace binge::cli
