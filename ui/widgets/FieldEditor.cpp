#include "FieldEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace binge::ui {
namespace {

int clampToInt(double v) { return static_cast<int>(std::clamp(v, double(INT_MIN), double(INT_MAX))); }

}  // namespace

void applyFieldEdit(const ConfigField& field, TrainConfig& config, const nlohmann::json& value,
                    std::map<std::string, QString>& parseErrors) {
  parseErrors.erase(field.key);
  try {
    field.setValue(config, value);
  } catch (const std::invalid_argument& e) {
    parseErrors[field.key] = QString::fromStdString(e.what());
  }
}

void applyFieldText(const ConfigField& field, TrainConfig& config, const QString& text,
                    std::map<std::string, QString>& parseErrors) {
  try {
    applyFieldEdit(field, config, field.parse(text.toStdString()), parseErrors);
  } catch (const std::invalid_argument& e) {
    parseErrors[field.key] = QString::fromStdString(e.what());
  }
}

QString objectNameFor(const std::string& flag) {
  QString name;
  bool upper = false;
  for (char c : flag) {
    if (c == '-') {
      upper = true;
      continue;
    }
    name += upper ? QChar(c).toUpper() : QChar(c);
    upper = false;
  }
  return name;
}

QString labelFor(const std::string& flag) {
  QString label = QString::fromStdString(flag).replace('-', ' ');
  if (!label.isEmpty()) label[0] = label[0].toUpper();
  return label;
}

FieldEditor makeFieldEditor(const ConfigField& field, const TrainConfig* config, QWidget* parent,
                            FieldEditSinks sinks, const QString& objectNamePrefix) {
  FieldEditor out;
  const ConfigField* row = &field;  // rows live as long as the table: the lambdas may keep them
  if (!field.choices.empty()) {
    auto* combo = new QComboBox(parent);
    for (const auto& choice : field.choices) combo->addItem(QString::fromStdString(choice));
    QObject::connect(combo, &QComboBox::currentTextChanged, combo, sinks.text);
    out.show = [row, config, combo] { combo->setCurrentText(QString::fromStdString(row->text(*config))); };
    out.widget = combo;
  } else if (field.type() == FieldType::Boolean) {
    auto* box = new QCheckBox(parent);
    QObject::connect(box, &QCheckBox::toggled, box, [value = sinks.value](bool on) { value(on); });
    out.show = [row, config, box] { box->setChecked(row->value(*config).get<bool>()); };
    out.widget = box;
  } else if (field.type() == FieldType::Integer) {
    auto* spin = new QSpinBox(parent);
    spin->setRange(clampToInt(std::ceil(field.range.low)), clampToInt(std::floor(field.range.high)));
    QObject::connect(spin, qOverload<int>(&QSpinBox::valueChanged), spin, [value = sinks.value](int v) { value(v); });
    out.show = [row, config, spin] { spin->setValue(clampToInt(row->value(*config).get<double>())); };
    out.widget = spin;
  } else {
    // The text is the value's shortest exact form, parsed back by the field itself.
    auto* edit = new QLineEdit(parent);
    QObject::connect(edit, &QLineEdit::textChanged, edit, [text = sinks.text](const QString& t) { text(t.trimmed()); });
    out.show = [row, config, edit] { edit->setText(QString::fromStdString(row->text(*config))); };
    out.widget = edit;
  }
  QString name = objectNameFor(field.flag);  // "samplingMinGapSeconds" with the prefix "sampling"
  if (!objectNamePrefix.isEmpty()) name = objectNamePrefix + name.left(1).toUpper() + name.mid(1);
  out.widget->setObjectName(name);
  out.widget->setToolTip(QString::fromStdString(field.help + " (" + field.key + ", --" + field.flag + ")"));
  return out;
}

}  // namespace binge::ui
