#include "TrainingForm.h"

#include "AppSettings.h"
#include "FieldEditor.h"
#include "ProbeSetField.h"
#include "train/ConfigFields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace binge::ui {
namespace {

// Probe interval where the preset names none (binge-cli's own default, eval/LiveProbe.h).
constexpr int kGuiDefaultProbeEvery = 200;

// The settings a new user sets, in this order, with their labels; every other field is under "All settings".
const std::vector<std::pair<std::string, QString>> kLeadingFields = {
    {"data.sampler", "Sampler"}, {"data.batch_size", "Batch"}, {"data.titles_per_batch", "Titles per batch"},
    {"steps", "Steps"},          {"optimizer.lr", "Learning rate"}, {"seed", "Seed"}};

// A path field with a "…" button beside it; `choose` gets the field's text and returns the chosen path
// ("" = cancelled).
QHBoxLayout* pathRow(QLineEdit* edit, const QString& tip, const std::function<QString(const QString&)>& choose) {
  auto* row = new QHBoxLayout;
  auto* browse = new QPushButton("…", edit->parentWidget());
  browse->setToolTip(tip);
  QObject::connect(browse, &QPushButton::clicked, edit, [edit, choose] {
    const QString path = choose(edit->text());
    if (!path.isEmpty()) edit->setText(path);
  });
  row->addWidget(edit, 1);
  row->addWidget(browse);
  return row;
}

QLabel* problemLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setStyleSheet("color: #b3261e; font-size: 9pt;");
  label->setVisible(false);
  return label;
}

}  // namespace

TrainingForm::TrainingForm(QWidget* parent) : QWidget(parent), config_(presetOrDefaults("tiny")) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* group = new QGroupBox("New run", this);
  auto* form = new QFormLayout(group);

  // Library: a file field with a chooser; synthetic batches need none.
  library_ = new QLineEdit(group);
  library_->setObjectName("libraryPath");
  library_->setPlaceholderText("library.json");
  QHBoxLayout* libraryRow = pathRow(library_, "Choose a library file", [this](const QString& current) {
    return QFileDialog::getOpenFileName(this, "Library to train on", current, "Binge library (*.json)");
  });
  form->addRow("Library", libraryRow);
  const ConfigField& libraryField = *fieldByKey("data.library");
  editors_["data.library"] = {library_, problemLabel(group),
                              [this] { library_->setText(QString::fromStdString(config_.data.libraryPath)); }};
  labels_["data.library"] = "Library";
  form->addRow(editors_["data.library"].problem);  // under the library row, hidden until there is one
  connect(library_, &QLineEdit::textChanged, this, [this, &libraryField](const QString& text) {
    if (showing_) return;
    storeText(libraryField, text.trimmed());
    probeSet_->setLibrary(text.trimmed());
  });
  addField(form, *fieldByKey("synthetic"), "");
  if (auto* synthetic = qobject_cast<QCheckBox*>(editors_["synthetic"].widget))
    synthetic->setText("Synthetic batches (no library)");

  preset_ = new QComboBox(group);
  preset_->setObjectName("preset");
  preset_->addItems({"tiny", "paper"});
  preset_->setToolTip("tiny: small 3-D/2-D CNNs for a CPU. paper: R(2+1)D-18 + ResNet-18 (GPU). Sets every "
                      "field below to the preset's value.");
  form->addRow("Preset", preset_);
  connect(preset_, &QComboBox::currentTextChanged, this, &TrainingForm::applyPreset);

  for (const auto& [key, label] : kLeadingFields) addField(form, *fieldByKey(key), label);

  probeSet_ = new ProbeSetField(group);
  form->addRow("Probe set", probeSet_);
  editors_["probe_dir"] = {probeSet_, problemLabel(group),
                           [this] { probeSet_->setProbeSet(QString::fromStdString(config_.probeDir)); }};
  labels_["probe_dir"] = "Probe set";
  form->addRow(editors_["probe_dir"].problem);
  connect(probeSet_, &ProbeSetField::changed, this,
          [this] { storeText(*fieldByKey("probe_dir"), probeSet_->probeSet()); });
  addField(form, *fieldByKey("probe_every"), "Probe every");
  if (auto* every = qobject_cast<QSpinBox*>(editors_["probe_every"].widget)) {
    every->setMinimum(1);
    every->setSuffix(" steps");
    every->setToolTip("Steps between live probes; the last step is always probed");
  }

  runDir_ = new QLineEdit(group);
  runDir_->setObjectName("runDir");
  runDir_->setPlaceholderText("new, empty folder for the run");
  QHBoxLayout* runRow = pathRow(runDir_, "Choose the run folder", [this](const QString& current) {
    return QFileDialog::getSaveFileName(this, "New run folder", current);
  });
  auto* newRun = new QPushButton("New", group);
  newRun->setObjectName("newRunFolder");
  newRun->setToolTip("A fresh folder in the runs folder, named for the sampler and the time");
  connect(newRun, &QPushButton::clicked, this, &TrainingForm::suggestRunFolder);
  runRow->addWidget(newRun);
  form->addRow("Run folder", runRow);
  connect(runDir_, &QLineEdit::textChanged, this, &TrainingForm::refresh);

  formProblem_ = new QLabel(group);
  formProblem_->setObjectName("formProblem");
  formProblem_->setWordWrap(true);
  formProblem_->setStyleSheet("color: #b3261e;");
  form->addRow(formProblem_);
  layout->addWidget(group);

  // Every other setting, from the table, grouped as there; folded away until asked for.
  auto* more = new QToolButton(this);
  more->setObjectName("allSettingsToggle");
  more->setText("All settings");
  more->setCheckable(true);
  more->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  more->setArrowType(Qt::RightArrow);
  auto* all = new QWidget(this);
  all->setObjectName("allSettings");
  auto* allLayout = new QVBoxLayout(all);
  allLayout->setContentsMargins(0, 0, 0, 0);
  std::map<std::string, QFormLayout*> sections;
  for (const auto& field : trainConfigFields()) {
    if (editors_.count(field.key)) continue;
    QFormLayout*& section = sections[field.group];
    if (!section) {
      auto* box = new QGroupBox(QString::fromStdString(field.group), all);
      section = new QFormLayout(box);
      allLayout->addWidget(box);
    }
    addField(section, field, labelFor(field.flag));
  }
  all->setVisible(false);
  connect(more, &QToolButton::toggled, this, [more, all](bool open) {
    more->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    all->setVisible(open);
  });
  layout->addWidget(more);
  layout->addWidget(all);

  showConfig();
}

QWidget* TrainingForm::makeEditor(const ConfigField& field, QWidget* parent) {
  const ConfigField* row = &field;
  FieldEditor editor = makeFieldEditor(field, &config_, parent,
                                       {[this, row](const nlohmann::json& v) { store(*row, v); },
                                        [this, row](const QString& text) { storeText(*row, text); }});
  editors_[field.key] = {editor.widget, problemLabel(parent), editor.show};
  return editor.widget;
}

void TrainingForm::addField(QFormLayout* form, const ConfigField& field, const QString& label) {
  QWidget* parent = form->parentWidget();
  QWidget* widget = makeEditor(field, parent);
  labels_[field.key] = label.isEmpty() ? labelFor(field.flag) : label;
  if (auto* box = qobject_cast<QCheckBox*>(widget); box && !label.isEmpty()) box->setText("on");
  auto* cell = new QWidget(parent);
  auto* column = new QVBoxLayout(cell);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(1);
  column->addWidget(widget);
  column->addWidget(editors_[field.key].problem);
  form->addRow(label, cell);
}

void TrainingForm::store(const ConfigField& field, const nlohmann::json& value) {
  if (showing_) return;
  applyFieldEdit(field, config_, value, parseErrors_);
  refresh();
}

void TrainingForm::storeText(const ConfigField& field, const QString& text) {
  if (showing_) return;
  applyFieldText(field, config_, text, parseErrors_);
  refresh();
}

void TrainingForm::applyPreset(const QString& preset) {
  // The preset file is the single source of defaults (the CLI reads the same one). What is the user's
  // rather than the preset's — library, probe set, seed, synthetic batches — stays.
  TrainConfig next = presetOrDefaults(preset.toStdString());
  next.data.libraryPath = config_.data.libraryPath;
  next.probeDir = config_.probeDir;
  next.seed = config_.seed;
  next.synthetic = config_.synthetic;
  if (next.probeEvery == 0) next.probeEvery = kGuiDefaultProbeEvery;
  config_ = next;
  parseErrors_.clear();
  showConfig();
}

void TrainingForm::showConfig() {
  showing_ = true;
  for (auto& [key, editor] : editors_) editor.show();
  const int at = preset_->findText(QString::fromStdString(config_.preset));
  if (at >= 0) {
    const QSignalBlocker block(preset_);
    preset_->setCurrentIndex(at);
  }
  showing_ = false;
  refresh();
}

std::vector<std::pair<std::string, QString>> TrainingForm::problems() const {
  std::vector<std::pair<std::string, QString>> out;
  const QString library = QString::fromStdString(config_.data.libraryPath);
  if (!config_.synthetic && library.isEmpty())
    out.emplace_back("data.library", "Choose a library file (or tick synthetic batches).");
  else if (!config_.synthetic && !QFileInfo(library).isFile())
    out.emplace_back("data.library", "Library " + library + " does not exist.");
  for (const auto& [key, message] : parseErrors_) out.emplace_back(key, labels_.at(key) + ": " + message);
  for (const auto& message : configProblems(config_)) {
    const ConfigField* field = fieldNamedIn(message);
    const std::string key = field ? field->key : std::string();
    if (key == "data.library" || parseErrors_.count(key)) continue;  // said above, in the form's words
    out.emplace_back(key, (field ? labels_.at(key) + ": " : QString()) + QString::fromStdString(message));
  }
  if (!probeSet_->problem().isEmpty()) out.emplace_back("probe_dir", "Probe set: " + probeSet_->problem());
  const QString runDir = runDir_->text().trimmed();
  if (runDir.isEmpty()) out.emplace_back("", "Choose a run folder.");
  else if (QFileInfo(runDir).exists() && !QFileInfo(runDir).isDir())
    out.emplace_back("", "Run folder " + runDir + " is a file.");
  else if (QFileInfo(runDir).isDir() && !QDir(runDir).isEmpty())
    out.emplace_back("", "Run folder " + runDir + " is not empty: choose a new folder, or Open run… and Resume it.");
  return out;
}

void TrainingForm::refresh() {
  const auto all = problems();
  for (auto& [key, editor] : editors_) {
    const auto it = std::find_if(all.begin(), all.end(), [&key = key](const auto& p) { return p.first == key; });
    editor.problem->setText(it == all.end() ? QString() : it->second);
    editor.problem->setVisible(it != all.end());
  }
  formProblem_->setText(all.empty() ? QString() : all.front().second);
  for (auto& [key, editor] : editors_) editor.widget->setEnabled(fieldByKey(key)->usedBy(config_));
  Q_EMIT changed();
}

QWidget* TrainingForm::editorFor(const std::string& key) const {
  const auto it = editors_.find(key);
  return it == editors_.end() ? nullptr : it->second.widget;
}

QString TrainingForm::fieldProblem(const std::string& key) const {
  const auto it = editors_.find(key);
  return it == editors_.end() ? QString() : it->second.problem->text();
}

TrainerLaunch TrainingForm::launch(QString* problem) const {
  TrainerLaunch out;
  out.config = config_;
  if (config_.probeDir.empty()) out.config.probeEvery = 0;  // no set, no interval
  // Paths absolute, as binge-cli makes them from its flags: the run's config.json must still find its
  // library when the run is resumed from another folder.
  for (const auto& field : trainConfigFields())
    if (const std::string path = field.text(out.config); field.isPath && !path.empty())
      field.setValue(out.config, QFileInfo(QString::fromStdString(path)).absoluteFilePath().toStdString());
  out.runDir = runDir_->text().trimmed();
  out.extraArguments = extraArguments_;
  if (problem) {
    const auto all = problems();
    *problem = all.empty() ? QString() : all.front().second;
  }
  return out;
}

void TrainingForm::setLaunch(const TrainerLaunch& launch) {
  config_ = launch.config;
  extraArguments_ = launch.extraArguments;
  if (config_.probeEvery == 0) config_.probeEvery = kGuiDefaultProbeEvery;
  parseErrors_.clear();
  showConfig();
  // The probe set follows the library (ProbeSetField's default) unless the launch names one.
  probeSet_->setLibrary(QString::fromStdString(config_.data.libraryPath));
  if (!launch.config.probeDir.empty()) probeSet_->setProbeSet(QString::fromStdString(launch.config.probeDir));
  runDir_->setText(launch.runDir);
  refresh();
}

void TrainingForm::setSettings(AppSettings* settings) {
  settings_ = settings;
  probeSet_->setSettings(settings);
}

void TrainingForm::setDefaultLibrary(const QString& path) {
  // Only replaces what the user has not changed: an empty field or the previous default.
  if (library_->text().isEmpty() || library_->text() == defaultLibrary_) library_->setText(path);
  defaultLibrary_ = path;
}

void TrainingForm::suggestRunFolder() {
  QString folder = settings_ ? settings_->runsFolder() : QString();
  if (folder.isEmpty()) folder = QDir::homePath() + "/binge-runs";
  const QString base = QString::fromStdString(config_.data.sampler.kind) + "-" +
                       QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
  QString name = base;
  for (int n = 2; QFileInfo::exists(folder + "/" + name); ++n) name = base + "-" + QString::number(n);
  runDir_->setText(QDir(folder).filePath(name));
}

void TrainingForm::rememberProbeSet() const { probeSet_->remember(); }

}  // namespace binge::ui
