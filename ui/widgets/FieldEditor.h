#pragma once
// One setting's editor, made from its row of the core's field table (train/ConfigFields.h): a combo box
// for a choice, a check box for a switch, a spin box for an integer, and a text field that keeps every
// digit for a number (no rounding on the way to the trainer). The Training tab's form and the samplers'
// forms of the Batches and Sampling tabs are built with it, so a row is edited the same way everywhere.
#include "train/ConfigFields.h"

#include <QString>

#include <functional>
#include <map>
#include <string>

class QWidget;

namespace binge::ui {

struct FieldEditor {
  QWidget* widget = nullptr;
  std::function<void()> show;  // shows the field's value in the config (its signals are then not edits)
};

// Where an editor's edits go: a value of the field's type, or typed text for the field to parse.
struct FieldEditSinks {
  std::function<void(const nlohmann::json&)> value;
  std::function<void(const QString&)> text;
};

// The editor of `field` over `*config`, named objectNamePrefix + objectNameFor(field.flag), with the
// row's help, key and flag as its tool tip.
FieldEditor makeFieldEditor(const ConfigField& field, const TrainConfig* config, QWidget* parent,
                            FieldEditSinks sinks, const QString& objectNamePrefix = {});

// An edit of `field` into `config`: `value` (a JSON value of its type), or `text` for the field to parse.
// A value of the wrong type is recorded in `parseErrors` under the field's key instead, and an earlier
// error of the field is cleared once a value is taken. Range problems are left to ConfigField::problem().
void applyFieldEdit(const ConfigField& field, TrainConfig& config, const nlohmann::json& value,
                    std::map<std::string, QString>& parseErrors);
void applyFieldText(const ConfigField& field, TrainConfig& config, const QString& text,
                    std::map<std::string, QString>& parseErrors);

// "clip-audio-seconds" → "clipAudioSeconds": the editor's object name (what tests and style sheets find).
QString objectNameFor(const std::string& flag);
// "clip-audio-seconds" → "Clip audio seconds": a label where the form has none of its own.
QString labelFor(const std::string& flag);

}  // namespace binge::ui
