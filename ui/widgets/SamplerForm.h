#pragma once
// A sampler's settings as a form, for the tabs that draw batches of their own (Batches, Sampling): one
// editor per row of samplerFields() (train/ConfigFields.h), so the tabs offer exactly the sampler
// settings `binge-cli train` and `binge-cli sample` take, with the same ranges, and a new sampler row
// appears here with no edit. A field the chosen sampler does not use is greyed out; a value out of its
// row's range is shown under the form.
#include "train/ConfigFields.h"

#include <QWidget>

#include <functional>
#include <map>
#include <string>

class QFormLayout;
class QLabel;

namespace binge::ui {

class SamplerForm : public QWidget {
  Q_OBJECT
 public:
  enum class Kind { Editable, Hidden };  // Hidden: the tab sets the kind itself (Sampling compares kinds)
  // Editors are named objectNamePrefix + the flag in camel case ("sampling" → "samplingMinGapSeconds").
  SamplerForm(Kind kind, const QString& objectNamePrefix, QWidget* parent = nullptr);

  SamplerConfig sampler() const { return samplerOf(config_); }
  void setSampler(const SamplerConfig& sampler);
  // The first value out of its row's range or not of its type ("" = none).
  QString problem() const;
  // The form's layout, for the tab to add its own rows under the sampler's.
  QFormLayout* layout() const { return form_; }

 Q_SIGNALS:
  void changed();

 private:
  // Applies one edit of an editor (not while the editors are being filled), then shows its outcome.
  void edited(const std::function<void()>& apply);
  void showConfig();
  void refresh();

  TrainConfig config_;
  QFormLayout* form_;
  QLabel* problem_;
  std::map<std::string, QWidget*> editors_;                  // config key → editor
  std::map<std::string, std::function<void()>> shows_;       // config key → config → editor
  std::map<std::string, QString> parseErrors_;
  bool showing_ = false;
};

}  // namespace binge::ui
