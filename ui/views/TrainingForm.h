#pragma once
// The Training tab's form for a new run. It edits one TrainConfig: every field of the core's field table
// (train/ConfigFields.h) gets an editor made from its row — a combo for a choice, a check box for a
// switch, a spin box for an integer, a text field that keeps every digit for a number — so a new row in
// the table is a new field here with no edit. The common settings lead; the rest sit under "All
// settings", grouped as in the table. Each of the core's validation messages is shown beside the field
// it names, and the first one (or the library's, probe set's or run folder's problem) under the form.
#include "TrainerProcess.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <map>
#include <string>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace binge {
struct ConfigField;
}

namespace binge::ui {

class AppSettings;
class ProbeSetField;

class TrainingForm : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingForm(QWidget* parent = nullptr);

  // Probe sets are remembered per library there; auto-named run folders go into its runs folder.
  void setSettings(AppSettings* settings);
  // The library the main window has open: becomes the default if the user typed none.
  void setDefaultLibrary(const QString& path);

  // The form as a launch; *problem gets the first reason it cannot start ("" = it can).
  TrainerLaunch launch(QString* problem = nullptr) const;
  // Fills the form from `launch` (its config whole, its run folder).
  void setLaunch(const TrainerLaunch& launch);
  // A fresh run folder in the runs folder, named for the sampler and the time ("hierarchical-20261207-1710").
  void suggestRunFolder();
  // Remembers the probe set for the library (called when a run starts).
  void rememberProbeSet() const;
  // The editor of the field with this config key (null when there is none).
  QWidget* editorFor(const std::string& key) const;
  // The message shown beside the field with this config key ("" = none).
  QString fieldProblem(const std::string& key) const;

 Q_SIGNALS:
  void changed();

 private:
  struct Editor {
    QWidget* widget = nullptr;
    QLabel* problem = nullptr;
    std::function<void()> show;  // config → widget
  };
  QWidget* makeEditor(const ConfigField& field, QWidget* parent);
  void addField(QFormLayout* form, const ConfigField& field, const QString& label);
  void store(const ConfigField& field, const nlohmann::json& value);
  void storeText(const ConfigField& field, const QString& text);
  void applyPreset(const QString& preset);
  void showConfig();
  void refresh();
  // Every problem, in the order the first one is chosen: (config key or "", message).
  std::vector<std::pair<std::string, QString>> problems() const;

  TrainConfig config_;
  std::map<std::string, Editor> editors_;
  std::map<std::string, QString> labels_;
  std::map<std::string, QString> parseErrors_;  // text typed that is not a value of the field's type
  AppSettings* settings_ = nullptr;
  QString defaultLibrary_;
  QComboBox* preset_ = nullptr;
  QLineEdit* library_ = nullptr;
  ProbeSetField* probeSet_ = nullptr;
  QLineEdit* runDir_ = nullptr;
  QLabel* formProblem_ = nullptr;
  QStringList extraArguments_;  // kept from setLaunch(): a caller's options beyond the config
  bool showing_ = true;  // editors are being built or filled from config_: their signals are not edits
};

}  // namespace binge::ui
