#include "SamplerForm.h"

#include "FieldEditor.h"

#include <QFormLayout>
#include <QLabel>

namespace binge::ui {

SamplerForm::SamplerForm(Kind kind, const QString& objectNamePrefix, QWidget* parent) : QWidget(parent) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
  for (const ConfigField* field : samplerFields()) {
    if (kind == Kind::Hidden && field->flag == "sampler") continue;
    FieldEditor editor = makeFieldEditor(
        *field, &config_, this,
        {[this, field](const nlohmann::json& v) { edited([&] { applyFieldEdit(*field, config_, v, parseErrors_); }); },
         [this, field](const QString& t) { edited([&] { applyFieldText(*field, config_, t, parseErrors_); }); }},
        objectNamePrefix);
    editors_[field->key] = editor.widget;
    shows_[field->key] = editor.show;
    form_->addRow(labelFor(field->flag), editor.widget);
  }
  problem_ = new QLabel(this);
  problem_->setObjectName(objectNamePrefix.isEmpty() ? "samplerProblem" : objectNamePrefix + "SamplerProblem");
  problem_->setWordWrap(true);
  problem_->setStyleSheet("color: #b3261e;");
  problem_->setVisible(false);
  form_->addRow(problem_);
  showConfig();
}

void SamplerForm::setSampler(const SamplerConfig& sampler) {
  config_.data.sampler = sampler;
  config_.seed = sampler.seed;
  parseErrors_.clear();
  showConfig();
  Q_EMIT changed();
}

void SamplerForm::edited(const std::function<void()>& apply) {
  if (showing_) return;
  apply();
  refresh();
  Q_EMIT changed();
}

void SamplerForm::showConfig() {
  showing_ = true;
  for (auto& [key, show] : shows_) show();
  showing_ = false;
  refresh();
}

QString SamplerForm::problem() const {
  if (!parseErrors_.empty()) return parseErrors_.begin()->second;
  for (const auto& [key, editor] : editors_)
    if (const auto problem = fieldByKey(key)->problem(config_); !problem.empty()) return QString::fromStdString(problem);
  return {};
}

void SamplerForm::refresh() {
  for (auto& [key, editor] : editors_) editor->setEnabled(fieldByKey(key)->usedBy(config_));
  const QString text = problem();
  problem_->setText(text);
  problem_->setVisible(!text.isEmpty());
}

}  // namespace binge::ui
