#include "ExperimentsView.h"

#include "AppSettings.h"
#include "SweepLauncher.h"
#include "experiments/SweepLedger.h"
#include "experiments/SweepReport.h"
#include "train/RunDirectory.h"

#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace binge::ui {
namespace {

// The results table's columns: (metric, heading); accuracies and shares in percent.
const std::vector<std::pair<std::string, QString>> kColumns = {
    {"video_linear", "video linear %"}, {"audio_linear", "audio linear %"}, {"video_knn", "video kNN %"},
    {"audio_knn", "audio kNN %"},       {"both_linear", "both linear %"},   {"video_same_event", "video 10-NN same event %"},
    {"video_same_show", "video 10-NN same show %"}, {"final_loss", "final loss"}, {"wall_seconds", "wall min"}};

// A number that sorts as a number, shown as "mean ± std [low, high]".
QTableWidgetItem* metricItem(const nlohmann::json& m, const std::string& name) {
  auto* item = new QTableWidgetItem;
  if (!m.is_object() || !m.contains("mean")) {
    item->setText("—");
    return item;
  }
  const bool percent = name != "final_loss" && name != "wall_seconds";
  const double scale = percent ? 100.0 : name == "wall_seconds" ? 1.0 / 60 : 1.0;
  const int decimals = name == "final_loss" ? 3 : 1;
  const double mean = m["mean"].get<double>() * scale;
  QString text = QString::number(mean, 'f', decimals);
  if (m.value("n", 0) > 1) {
    text += QString(" ± %1").arg(m["std"].get<double>() * scale, 0, 'f', decimals);
    if (percent)
      text += QString(" [%1, %2]")
                  .arg(std::max(0.0, m["ci"][0].get<double>()) * scale, 0, 'f', decimals)
                  .arg(std::min(1.0, m["ci"][1].get<double>()) * scale, 0, 'f', decimals);
  }
  item->setText(text);
  item->setData(Qt::UserRole, mean);
  return item;
}

// Sorts by the number behind the text where there is one.
class NumberItem : public QTableWidgetItem {
 public:
  using QTableWidgetItem::QTableWidgetItem;
  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant a = data(Qt::UserRole), b = other.data(Qt::UserRole);
    if (a.isValid() && b.isValid()) return a.toDouble() < b.toDouble();
    return QTableWidgetItem::operator<(other);
  }
};

QTableWidgetItem* sortable(QTableWidgetItem* item) {
  auto* n = new NumberItem(item->text());
  n->setData(Qt::UserRole, item->data(Qt::UserRole));
  delete item;
  return n;
}

// The runs of the sweep whose folders exist (they have begun), each with its grid cell.
QList<QPair<QString, int>> startedRunsOf(const SweepLedger& ledger, const std::filesystem::path& dir) {
  QList<QPair<QString, int>> runs;
  for (const auto& run : ledger.plan.runs()) {
    const QString runDir = QString::fromStdString((SweepLedger::runsDir(dir) / run.name).string());
    if (QFileInfo(runDir).isDir()) runs.append({runDir, static_cast<int>(run.cellIndex)});
  }
  return runs;
}

QString minutes(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  return QString("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

}  // namespace

ExperimentsView::ExperimentsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  folder_ = new QLineEdit(this);
  folder_->setObjectName("sweepFolder");
  folder_->setPlaceholderText("Sweep folder (start one from the Training tab's Sweep…, or binge-cli sweep)");
  auto* browse = new QPushButton("Open sweep…", this);
  browse->setObjectName("openSweepButton");
  stop_ = new QPushButton("Stop", this);
  stop_->setObjectName("stopSweepButton");
  stop_->setToolTip("Stop the sweep: its running trainer writes a checkpoint; Resume continues where it stopped");
  resume_ = new QPushButton("Resume", this);
  resume_->setObjectName("resumeSweepButton");
  resume_->setToolTip("Run the same sweep again: finished runs are kept, the interrupted one resumes");
  pause_ = new QPushButton("Pause", this);
  pause_->setObjectName("pauseSweepButton");
  pause_->setToolTip("Hold the sweep and its trainer where they stand (Continue lets them go on; nothing is lost)");
  curves_ = new QPushButton("Curves in Training", this);
  curves_->setObjectName("sweepCurvesButton");
  curves_->setToolTip("Overlay every run of the sweep on the Training tab's loss and probe plots, one colour per grid cell");
  export_ = new QPushButton("Export…", this);
  export_->setObjectName("exportSweepButton");
  export_->setToolTip("Copy the results table (md, csv, json) and the probe figures (svg) to a folder");
  top->addWidget(folder_, 1);
  top->addWidget(browse);
  top->addWidget(pause_);
  top->addWidget(stop_);
  top->addWidget(resume_);
  top->addWidget(curves_);
  top->addWidget(export_);
  layout->addLayout(top);
  status_ = new QLabel("No sweep followed.", this);
  status_->setObjectName("sweepStatus");
  status_->setWordWrap(true);
  layout->addWidget(status_);

  auto* split = new QSplitter(Qt::Vertical, this);
  results_ = new QTableWidget(split);
  results_->setObjectName("sweepResults");
  results_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  results_->setSortingEnabled(true);
  results_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  runs_ = new QTableWidget(split);
  runs_->setObjectName("sweepRuns");
  runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runs_->setToolTip("Double-click a run to open it in the Training tab");
  runs_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  split->addWidget(results_);
  split->addWidget(runs_);
  layout->addWidget(split, 1);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Open sweep folder", folder_->text());
    if (!dir.isEmpty()) followSweep(dir);
  });
  // returnPressed, not editingFinished: the latter also fires on the focus change while the view is destroyed.
  connect(folder_, &QLineEdit::returnPressed, this, [this] { followSweep(folder_->text()); });
  connect(stop_, &QPushButton::clicked, this, &ExperimentsView::stop);
  connect(resume_, &QPushButton::clicked, this, &ExperimentsView::resume);
  connect(pause_, &QPushButton::clicked, this, &ExperimentsView::togglePause);
  connect(export_, &QPushButton::clicked, this, &ExperimentsView::chooseExportFolder);
  connect(curves_, &QPushButton::clicked, this, [this] {
    Q_EMIT overlayRequested(QString::fromStdString(SweepLedger::runsDir(folder_->text().toStdString()).string()),
                            startedRuns());
  });
  connect(runs_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    if (auto* item = runs_->item(row, 0)) Q_EMIT openRunRequested(item->data(Qt::UserRole).toString());
  });
  timer_.setInterval(2000);
  connect(&timer_, &QTimer::timeout, this, &ExperimentsView::refresh);
  for (QPushButton* b : {stop_, resume_, pause_, curves_, export_}) b->setEnabled(false);
}

void ExperimentsView::setSettings(AppSettings* settings) {
  settings_ = settings;
  if (settings_ && !settings_->sweepFolder().isEmpty()) followSweep(settings_->sweepFolder());
}

void ExperimentsView::followSweep(const QString& folder) {
  folder_->setText(folder);
  if (settings_) settings_->setSweepFolder(folder);
  refresh();
  timer_.start();
}

void ExperimentsView::refresh() {
  const std::filesystem::path dir = folder_->text().toStdString();
  SweepLedger ledger;
  try {
    ledger = SweepLedger::load(dir);
  } catch (const std::exception& e) {
    status_->setText(folder_->text().isEmpty() ? "No sweep followed." : QString::fromStdString(e.what()));
    for (QPushButton* b : {stop_, resume_, pause_, curves_, export_}) b->setEnabled(false);
    return;
  }
  // Run i of N, the running run's step, an ETA from the wall time of the runs finished so far.
  const auto planned = ledger.plan.runs();
  int finished = 0, failed = 0;
  double finishedSeconds = 0;
  QString current;
  bool trainerAlive = false;
  for (const auto& run : planned) {
    const auto it = ledger.runs.find(run.name);
    if (it == ledger.runs.end()) continue;
    if (it->second.state == "finished") {
      ++finished;
      finishedSeconds += it->second.wallSeconds;
    } else if (it->second.state == "failed") {
      ++failed;
    } else if (it->second.state == "running") {
      const auto runDir = SweepLedger::runsDir(dir) / run.name;
      const auto status = RunDirectory::readStatus(runDir);
      // status.json changes with the state only; the last metrics row is the step reached.
      long step = status.value("step", 0L);
      std::ifstream metrics(runDir / "metrics.csv");
      for (std::string line; std::getline(metrics, line);)
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) step = std::max(step, std::atol(line.c_str()));
      current = QString("%1 at step %2/%3").arg(QString::fromStdString(run.name)).arg(step).arg(status.value("steps", 0));
      // A sweep from an older binge-cli records no pid of its own: its live trainer tells it runs.
      trainerAlive = trainerAlive || (status.value("state", std::string()) == "running" &&
                                      QFileInfo::exists(QString("/proc/%1").arg(status.value("pid", 0L))));
    }
  }
  pid_ = ledger.pid;
  running_ = (pid_ > 0 && QFileInfo::exists(QString("/proc/%1").arg(pid_))) || trainerAlive;
  paused_ = running_ && sweepPaused(pid_);
  QString text = QString("%1 of %2 runs finished").arg(finished).arg(planned.size());
  if (failed > 0) text += QString(", %1 failed").arg(failed);
  if (paused_) {
    text += QString("; paused: %1 (Continue lets it go on)").arg(current.isEmpty() ? "between runs" : current);
  } else if (running_) {
    text += QString("; running: %1").arg(current.isEmpty() ? "starting" : current);
    if (finished > 0)
      text += QString("; ETA %1").arg(minutes(finishedSeconds / finished * static_cast<double>(planned.size() - finished)));
  } else if (finished < static_cast<int>(planned.size())) {
    text += "; not running (Resume continues it)";
  }
  status_->setText(text);
  stop_->setEnabled(pid_ > 0 && QFileInfo::exists(QString("/proc/%1").arg(pid_)));
  resume_->setEnabled(!running_ && finished < static_cast<int>(planned.size()));
  pause_->setEnabled(stop_->isEnabled());
  pause_->setText(paused_ ? "Continue" : "Pause");
  curves_->setEnabled(!startedRunsOf(ledger, dir).isEmpty());  // the ledger read above, not a second time
  export_->setEnabled(QFileInfo::exists(QString::fromStdString((dir / "results.md").string())));

  // The results table from results.json, as the sweep last wrote it.
  nlohmann::json results;
  try {
    std::ifstream in(dir / "results.json");
    if (in) results = nlohmann::json::parse(in);
  } catch (const std::exception&) {
    results = nullptr;  // being rewritten: the next refresh reads it
  }
  if (results.is_object() && results.contains("rows")) {
    results_->setSortingEnabled(false);
    results_->clear();
    QStringList headings{"cell", "n"};
    for (const auto& [name, heading] : kColumns) headings << heading;
    results_->setColumnCount(headings.size());
    results_->setHorizontalHeaderLabels(headings);
    results_->setRowCount(static_cast<int>(results["rows"].size()));
    int r = 0;
    for (const auto& row : results["rows"]) {
      const auto& metrics = row["metrics"];
      int n = 0;
      for (const auto& [name, m] : metrics.items()) n = std::max(n, m.value("n", 0));
      results_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(row.value("label", std::string()))));
      results_->setItem(r, 1, new QTableWidgetItem(QString("%1/%2").arg(n).arg(row.value("runs", 0))));
      int c = 2;
      for (const auto& [name, heading] : kColumns)
        results_->setItem(r, c++, sortable(metricItem(metrics.contains(name) ? metrics[name] : nlohmann::json(), name)));
      ++r;
    }
    results_->setSortingEnabled(true);
  }

  runs_->clear();
  runs_->setColumnCount(5);
  runs_->setHorizontalHeaderLabels({"run", "seed", "state", "wall", "attempts"});
  runs_->setRowCount(static_cast<int>(planned.size()));
  int r = 0;
  for (const auto& run : planned) {
    const auto it = ledger.runs.find(run.name);
    const SweepRunRecord record = it == ledger.runs.end() ? SweepRunRecord{} : it->second;
    auto* name = new QTableWidgetItem(QString::fromStdString(run.name));
    name->setData(Qt::UserRole, QString::fromStdString((SweepLedger::runsDir(dir) / run.name).string()));
    runs_->setItem(r, 0, name);
    runs_->setItem(r, 1, new QTableWidgetItem(QString::number(run.seed)));
    runs_->setItem(r, 2, new QTableWidgetItem(QString::fromStdString(record.state) +
                                              (record.message.empty() ? "" : ": " + QString::fromStdString(record.message))));
    runs_->setItem(r, 3, new QTableWidgetItem(record.wallSeconds > 0 ? minutes(record.wallSeconds) : ""));
    runs_->setItem(r, 4, new QTableWidgetItem(QString::number(record.attempts)));
    ++r;
  }
}

void ExperimentsView::stop() {
  // A paused process holds the stop signal until it goes on: let it go on to stop.
  if (paused_) pauseSweep(pid_, false);
  if (stopSweep(pid_)) status_->setText(status_->text() + " — stopping…");
}

void ExperimentsView::togglePause() {
  const bool done = pauseSweep(pid_, !paused_);
  refresh();
  if (!done) status_->setText(status_->text() + " — the sweep process is not running");
}

QList<QPair<QString, int>> ExperimentsView::startedRuns() const {
  try {
    const std::filesystem::path dir = folder_->text().toStdString();
    return startedRunsOf(SweepLedger::load(dir), dir);
  } catch (const std::exception&) {
    return {};  // no sweep there (yet): nothing to overlay
  }
}

QStringList ExperimentsView::exportResults(const QString& folder, QString* error) {
  QStringList copied;
  if (!QDir().mkpath(folder)) {
    *error = "cannot create " + folder;
    return copied;
  }
  const QDir from(folder_->text()), to(folder);
  for (const QString name : {"results.md", "results.csv", "results.json", "probe-video.svg", "probe-audio.svg"}) {
    if (!from.exists(name)) continue;
    // Copied beside the target under a temporary name, then renamed over it: a reader never sees half a file.
    const QString target = to.filePath(name), partial = target + ".part";
    QFile::remove(partial);
    QFile source(from.filePath(name));
    if (!source.copy(partial)) {
      *error = QString("cannot copy %1 to %2: %3").arg(from.filePath(name), partial, source.errorString());
      QFile::remove(partial);
      return copied;
    }
    QFile::remove(target);
    if (!QFile::rename(partial, target)) {
      *error = QString("cannot rename %1 to %2").arg(partial, target);
      return copied;
    }
    copied << target;
  }
  return copied;
}

void ExperimentsView::chooseExportFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, "Export the sweep's table and figures to");
  if (folder.isEmpty()) return;
  QString error;
  const QStringList copied = exportResults(folder, &error);
  if (error.isEmpty())
    QMessageBox::information(this, "Export", QString("Exported to %1:\n%2").arg(folder, copied.join('\n')));
  else
    QMessageBox::warning(this, "Export", "Export stopped: " + error);
}

void ExperimentsView::resume() {
  QString error;
  try {
    if (!launchSweep(resumeSweepArguments(folder_->text()), folder_->text(), &error))
      status_->setText("Cannot resume: " + error);
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
  QTimer::singleShot(500, this, &ExperimentsView::refresh);
}

}  // namespace binge::ui
