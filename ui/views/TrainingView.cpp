#include "TrainingView.h"
#include "sampling/BatchShape.h"

#include "AppSettings.h"
#include "LibraryController.h"
#include "LiveProcess.h"
#include "RunFollower.h"
#include "RunListModel.h"
#include "RunOverlay.h"
#include "RunsPanel.h"
#include "TrainingForm.h"
#include "TrainingPlotsPanel.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"

#include <QDir>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace binge::ui {
namespace {

QString formatEta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "–";
  const long s = std::lround(seconds);
  if (s >= 3600) return QString("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QChar('0'));
  return QString("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

QString libraryOf(const TrainerLaunch& launch) { return QString::fromStdString(launch.config.data.libraryPath); }

}  // namespace

TrainingView::TrainingView(QWidget* parent)
    : QWidget(parent),
      process_(new TrainerProcess(this)),
      follower_(new RunFollower(this)),
      runs_(new RunListModel(this)) {
  setObjectName("trainingView");
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  // Left: the form over the runs list, both always at hand while the plots fill the rest.
  auto* left = new QSplitter(Qt::Vertical, splitter);
  auto* formScroll = new QScrollArea(left);
  formScroll->setWidgetResizable(true);
  formScroll->setWidget(buildForm());
  formScroll->setMinimumWidth(350);
  runsPanel_ = new RunsPanel(runs_, left);
  left->addWidget(formScroll);
  left->addWidget(runsPanel_);
  left->setStretchFactor(0, 3);
  left->setStretchFactor(1, 2);

  auto* right = new QWidget(splitter);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(4, 0, 0, 0);
  // The status line stays above the plots so state, step, speed and ETA are always in sight.
  auto* status = new QHBoxLayout;
  runLabel_ = new QLabel("No run", right);
  runLabel_->setObjectName("runLabel");
  runLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  stateLabel_ = new QLabel(right);
  stateLabel_->setObjectName("stateLabel");
  stepLabel_ = new QLabel(right);
  stepLabel_->setObjectName("stepLabel");
  speedLabel_ = new QLabel(right);
  speedLabel_->setObjectName("speedLabel");
  etaLabel_ = new QLabel(right);
  etaLabel_->setObjectName("etaLabel");
  // Only for a data-parallel run: "2 ranks (gloo), global batch 8".
  ranksLabel_ = new QLabel(right);
  ranksLabel_->setObjectName("ranksLabel");
  ranksLabel_->setVisible(false);
  status->addWidget(runLabel_, 1);
  status->addWidget(ranksLabel_);
  for (QLabel* label : {stateLabel_, stepLabel_, speedLabel_, etaLabel_}) {
    label->setMinimumWidth(110);
    status->addWidget(label);
  }
  rightLayout->addLayout(status);

  auto* vertical = new QSplitter(Qt::Vertical, right);
  plots_ = new TrainingPlotsPanel(follower_, runs_, vertical);
  vertical->addWidget(plots_);
  log_ = new QPlainTextEdit(vertical);
  log_->setObjectName("trainerLog");
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  log_->setPlaceholderText("The trainer's messages appear here.");
  log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  vertical->addWidget(log_);
  vertical->setStretchFactor(0, 4);
  vertical->setStretchFactor(1, 1);
  rightLayout->addWidget(vertical, 1);

  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({430, 1000});  // wide enough for the runs list's five columns
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(splitter);

  connectProcess();
  connect(follower_, &RunFollower::runStateChanged, this, [this] {
    updateButtons();
    updateStatusLine();
  });
  connect(plots_, &TrainingPlotsPanel::refreshed, this, [this] {
    logRunErrors();
    updateStatusLine();
    updateButtons();
  });
  connect(runsPanel_, &RunsPanel::showRunRequested, this, [this](const QString& dir) { openRun(dir); });
  connect(runsPanel_, &RunsPanel::runsFolderChanged, this, [this](const QString& folder) {
    if (settings_) settings_->setRunsFolder(folder);
  });
  updateButtons();
  updateStatusLine();
}

TrainingView::~TrainingView() = default;  // process_ (a child) stops its trainer in its destructor

void TrainingView::connectProcess() {
  connect(process_, &TrainerProcess::stderrLine, this, [this](const QString& line) { appendLog(line); });
  connect(process_, &TrainerProcess::trainerStateChanged, this, [this] {
    updateButtons();
    updateStatusLine();
  });
  connect(process_, &TrainerProcess::trainerExited, this, &TrainingView::onTrainerExited);
}

void TrainingView::setSettings(AppSettings* settings) {
  settings_ = settings;
  form_->setSettings(settings);
  if (!settings_) return;
  const QString folder = settings_->runsFolder();
  if (!folder.isEmpty() && QFileInfo(folder).isDir()) runsPanel_->setRunsFolder(folder);
  reattachBackgroundRuns();
}

void TrainingView::reattachBackgroundRuns() {
  bool attached = false;
  for (const BackgroundRun& run : settings_->backgroundRuns()) {
    // status.json names the trainer's pid; the recorded one is the fallback. Either must still be that
    // run's trainer (isTrainerOf): a pid reused since by another program is never adopted.
    const nlohmann::json status = RunDirectory::readStatus(run.runDir.toStdString());
    const auto recorded = status.find("pid");
    const qint64 statusPid = recorded != status.end() && recorded->is_number_integer() ? recorded->get<qint64>() : 0;
    qint64 pid = 0;
    for (qint64 candidate : {statusPid, run.pid})
      if (pid == 0 && isTrainerOf(candidate, run.runDir)) pid = candidate;
    if (pid == 0) {
      settings_->removeBackgroundRun(run.runDir);
      if (QFileInfo(run.runDir).isDir()) {
        runs_->addSessionRun(run.runDir);
        appendLog(QString("%1 ended while Binge was closed (%2); it is in the runs list.")
                      .arg(run.runDir, QString::fromStdString(status.value("state", std::string("state unknown")))));
      }
      continue;
    }
    if (attached) {  // one trainer at a time is controlled here; the others stay listed
      runs_->addSessionRun(run.runDir);
      continue;
    }
    QString error;
    if (!openRun(run.runDir) || !process_->adopt(pid, run.runDir, &error)) {
      if (!error.isEmpty()) appendLog("Cannot re-attach: " + error, true);
      continue;
    }
    attached = true;
    appendLog(QString("Re-attached to the trainer of %1 (pid %2), left training in the background by an earlier "
                      "session. Its messages went nowhere since; Stop sends it SIGTERM (graceful).")
                  .arg(run.runDir)
                  .arg(pid));
    updateButtons();
    updateStatusLine();
  }
}

bool TrainingView::confirmClose(const std::function<void()>& closeAgain) {
  if (closeDecided_ || !process_->isActive()) return true;
  closeAgain_ = closeAgain;
  if (closeBox_) {
    closeBox_->raise();
    return false;
  }
  if (closeAfterStop_) return false;  // stopping already; the window closes when the trainer has exited
  const QString run = QFileInfo(follower_->runDir()).fileName();
  closeBox_ = new QMessageBox(QMessageBox::Question, "Training is running",
                              QString("The trainer of %1 is still training. Stop it (it finishes the step and "
                                      "writes a checkpoint), or keep it training in the background: Binge "
                                      "follows it again the next time it opens.")
                                  .arg(run),
                              QMessageBox::NoButton, this);
  closeBox_->setObjectName("closeWhileTraining");
  closeBox_->setAttribute(Qt::WA_DeleteOnClose);
  QPushButton* stop = closeBox_->addButton("Stop training", QMessageBox::DestructiveRole);
  stop->setObjectName("stopTrainingButton");
  QPushButton* keep = closeBox_->addButton("Keep training in the background", QMessageBox::AcceptRole);
  keep->setObjectName("keepTrainingButton");
  QPushButton* cancel = closeBox_->addButton(QMessageBox::Cancel);
  cancel->setObjectName("cancelCloseButton");
  closeBox_->setDefaultButton(keep);
  connect(closeBox_, &QObject::destroyed, this, [this] { closeBox_ = nullptr; });
  connect(closeBox_, &QMessageBox::buttonClicked, this, [this, stop, keep](QAbstractButton* button) {
    if (button == stop) {
      closeAfterStop_ = true;
      appendLog("Stopping the trainer before closing…");
      process_->stopTraining();
    } else if (button == keep) {
      keepTrainingInBackground();
      closeDecided_ = true;
      // Queued: the box is still inside its click handler.
      QMetaObject::invokeMethod(this, [this] { if (closeAgain_) closeAgain_(); }, Qt::QueuedConnection);
    }
  });
  closeBox_->open();
  return false;
}

qint64 TrainingView::keepTrainingInBackground() {
  if (!process_->isActive()) return 0;
  const QString runDir = follower_->runDir();
  qint64 pid = 0;
  if (process_->isAdopted()) {
    pid = process_->trainerPid();  // not ours anyway: it is simply left alone
  } else {
    pid = process_->releaseToBackground();
    // The released object now belongs to nobody (see TrainerProcess); this view gets a fresh one.
    process_ = new TrainerProcess(this);
    connectProcess();
  }
  if (settings_) settings_->addBackgroundRun({runDir, pid});
  appendLog(QString("The trainer of %1 (pid %2) goes on in the background%3.")
                .arg(runDir)
                .arg(pid)
                .arg(settings_ ? QString("; Binge re-attaches to it when it opens again") : QString()));
  updateButtons();
  updateStatusLine();
  return pid;
}

QWidget* TrainingView::buildForm() {
  auto* panel = new QWidget;
  auto* layout = new QVBoxLayout(panel);
  form_ = new TrainingForm(panel);
  layout->addWidget(form_);
  connect(form_, &TrainingForm::changed, this, [this] {
    updateButtons();
    // The other tabs show the clip of the form's config: tell them when its geometry changes.
    const TrainConfig config = form_->launch().config;
    const nlohmann::json clip = toJson(config).at("data").at("clip");
    if (clip == shownClip_) return;
    shownClip_ = clip;
    Q_EMIT clipDataChanged(config.data);
  });

  auto* controls = new QGroupBox("Trainer", panel);
  auto* grid = new QGridLayout(controls);
  start_ = new QPushButton("Start", controls);
  start_->setObjectName("startButton");
  pause_ = new QPushButton("Pause", controls);
  pause_->setObjectName("pauseButton");
  stop_ = new QPushButton("Stop", controls);
  stop_->setObjectName("stopButton");
  stop_->setToolTip("Finish the step, write a checkpoint, exit");
  kill_ = new QPushButton("Kill…", controls);
  kill_->setObjectName("killButton");
  kill_->setToolTip("End the trainer at once; the run resumes from its last checkpoint");
  resume_ = new QPushButton("Resume run", controls);
  resume_->setObjectName("resumeButton");
  resume_->setToolTip("Continue the followed run from its latest checkpoint (--resume)");
  openRun_ = new QPushButton("Open run…", controls);
  openRun_->setObjectName("openRunButton");
  openRun_->setToolTip("Follow any run folder: finished, stopped, or still being written by a headless run");
  export_ = new QPushButton("Export plots…", controls);
  export_->setObjectName("exportButton");
  sweep_ = new QPushButton("Sweep…", controls);
  sweep_->setObjectName("sweepButton");
  sweep_->setToolTip("Train this form's settings over a grid of one option × seeds (Experiments tab)");
  grid->addWidget(start_, 0, 0);
  grid->addWidget(pause_, 0, 1);
  grid->addWidget(stop_, 1, 0);
  grid->addWidget(kill_, 1, 1);
  grid->addWidget(resume_, 2, 0);
  grid->addWidget(openRun_, 2, 1);
  grid->addWidget(export_, 3, 0);
  grid->addWidget(sweep_, 3, 1);
  layout->addWidget(controls);
  layout->addStretch(1);

  connect(start_, &QPushButton::clicked, this, [this] { startFromForm(); });
  connect(sweep_, &QPushButton::clicked, this, [this] {
    QString problem;
    const TrainerLaunch launch = formLaunch(&problem);
    // The run folder is the sweep's to choose; any other problem of the form stops it here.
    if (!problem.isEmpty() && !problem.contains("run folder", Qt::CaseInsensitive)) {
      appendLog("Sweep: " + problem, true);
      return;
    }
    Q_EMIT sweepRequested(launch);
  });
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (process_->trainerState() == TrainerState::Paused) process_->resumeTraining();
    else process_->pauseTraining();
  });
  connect(stop_, &QPushButton::clicked, this, [this] { process_->stopTraining(); });
  connect(kill_, &QPushButton::clicked, this, &TrainingView::requestKill);
  connect(resume_, &QPushButton::clicked, this, [this] { resumeRun(); });
  connect(openRun_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Open run folder", follower_->runDir());
    if (!dir.isEmpty()) openRun(dir);
  });
  connect(export_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, "Export plots", "training.png", "PNG image (*.png);;PDF document (*.pdf);;Series as CSV (*.csv)");
    if (path.isEmpty()) return;
    const bool ok = path.endsWith(".csv", Qt::CaseInsensitive)   ? exportSeriesCsv(path)
                    : path.endsWith(".pdf", Qt::CaseInsensitive) ? exportPlotsPdf(path)
                                                                 : exportPlotsPng(path);
    if (!ok) appendLog("cannot write " + path, true);
  });

  return panel;
}

void TrainingView::setDefaultLibrary(const QString& path) { form_->setDefaultLibrary(path); }

TrainerLaunch TrainingView::formLaunch(QString* problem) const { return form_->launch(problem); }

void TrainingView::setFormLaunch(const TrainerLaunch& launch) { form_->setLaunch(launch); }

void TrainingView::updateButtons() {
  const TrainerState s = process_->trainerState();
  const bool active = process_->isActive();
  QString problem;
  formLaunch(&problem);
  start_->setEnabled(!active && problem.isEmpty());
  pause_->setEnabled(process_->canPause() && (s == TrainerState::Running || s == TrainerState::Paused));
  pause_->setText(s == TrainerState::Paused ? "Resume" : "Pause");
  stop_->setEnabled(s == TrainerState::Running || s == TrainerState::Paused);
  kill_->setEnabled(active);
  // A run can be resumed when we follow one that is not done and nothing is training it from here.
  const std::string& runState = follower_->metrics().state;
  resume_->setEnabled(!active && !follower_->runDir().isEmpty() && !follower_->config().is_null() &&
                      runState != "finished");
  openRun_->setEnabled(!active);
}

void TrainingView::updateStatusLine() {
  const RunMetrics& m = follower_->metrics();
  QString state = QString::fromStdString(m.state);
  const TrainerState s = process_->trainerState();
  // Our own process knows a few things the run directory cannot say (a kill, a crash before any event).
  if (s == TrainerState::Crashed || s == TrainerState::Killed || s == TrainerState::Paused ||
      s == TrainerState::Stopping || (state.isEmpty() && s != TrainerState::Idle))
    state = toString(s);
  stateLabel_->setText("State: <b>" + (state.isEmpty() ? QString("–") : state) + "</b>");
  stepLabel_->setText(m.totalSteps > 0 ? QString("Step %1 / %2").arg(m.step).arg(m.totalSteps)
                                       : QString("Step %1").arg(m.step));
  speedLabel_->setText(QString("%1 clips/s").arg(m.clipsPerSecond, 0, 'f', 1));
  const bool live = state == "running" || state == "resumed";
  etaLabel_->setText("ETA " + (live ? formatEta(m.etaSeconds) : QString("–")));
  runLabel_->setText(follower_->runDir().isEmpty() ? QString("No run") : "Run: " + follower_->runDir());
  ranksLabel_->setVisible(m.worldSize > 1);
  if (m.worldSize > 1) {
    QString ranks = QString("%1 ranks").arg(m.worldSize);
    if (!m.backend.empty()) ranks += QString(" (%1)").arg(QString::fromStdString(m.backend));
    if (m.globalBatch > 0) ranks += QString(", global batch %1").arg(m.globalBatch);
    ranksLabel_->setText(ranks);
  }
}

void TrainingView::appendLog(const QString& line, bool error) {
  if (error) log_->appendHtml("<span style='color:#b3261e'>" + line.toHtmlEscaped().replace('\n', "<br>") + "</span>");
  else log_->appendPlainText(line);
}

bool TrainingView::startFromForm() {
  QString problem;
  const TrainerLaunch launch = formLaunch(&problem);
  if (!problem.isEmpty()) {
    appendLog("Cannot start: " + problem, true);
    return false;
  }
  const bool checked = std::exchange(prepareChecked_, false);
  if (offerPrepare_ && !checked && !launch.config.synthetic) {
    int trainable = 0;
    const int missing = LibraryController::unpreparedTitles(libraryOf(launch), launch.presetName(), &trainable);
    if (missing > 0) {
      askToPrepareFirst(launch, missing, trainable);
      return false;
    }
  }
  QString error;
  if (!process_->startTraining(launch, &error)) {
    appendLog("Cannot start: " + error, true);
    return false;
  }
  appendLog("$ binge-cli " + process_->arguments().join(' '));
  form_->rememberProbeSet();
  showRun(launch.runDir, /*readAfresh=*/true);
  loggedErrors_ = 0;
  refreshPlots();
  updateButtons();
  Q_EMIT trainingStarted(launch.runDir);
  return true;
}

void TrainingView::askToPrepareFirst(const TrainerLaunch& launch, int missing, int trainable) {
  auto* box = new QMessageBox(
      QMessageBox::Question, "Prepare the library first?",
      QString("%1 of %2 titles of %3 are not in the clip cache of the %4 preset. The trainer would decode them "
              "directly, and loading clips that way is about 100× slower. Prepare them first (once; later runs "
              "reuse the cache), or start anyway?")
          .arg(missing)
          .arg(trainable)
          .arg(QFileInfo(libraryOf(launch)).fileName(), launch.presetName()),
      QMessageBox::NoButton, this);
  box->setObjectName("prepareFirst");
  box->setAttribute(Qt::WA_DeleteOnClose);
  QPushButton* prepare = box->addButton("Prepare first", QMessageBox::AcceptRole);
  prepare->setObjectName("prepareFirstButton");
  QPushButton* anyway = box->addButton("Start anyway", QMessageBox::DestructiveRole);
  anyway->setObjectName("startAnywayButton");
  box->addButton(QMessageBox::Cancel);
  box->setDefaultButton(prepare);
  connect(box, &QMessageBox::buttonClicked, this, [this, prepare, anyway, launch](QAbstractButton* button) {
    if (button == prepare) {
      appendLog("Preparing " + libraryOf(launch) + " before training…");
      Q_EMIT prepareFirstRequested(libraryOf(launch), launch.presetName());
    } else if (button == anyway) {
      prepareChecked_ = true;
      QMetaObject::invokeMethod(this, [this] { startFromForm(); }, Qt::QueuedConnection);
    }
  });
  box->open();
}

bool TrainingView::resumeRun() {
  if (process_->isActive() || follower_->runDir().isEmpty()) return false;
  TrainerLaunch launch;
  launch.runDir = follower_->runDir();
  launch.resume = true;
  QString error;
  if (!process_->startTraining(launch, &error)) {
    appendLog("Cannot resume: " + error, true);
    return false;
  }
  appendLog("$ binge-cli " + launch.arguments().join(' '));
  runs_->addSessionRun(launch.runDir);
  // The follower keeps its position: the resumed trainer appends to the same events.jsonl, and its
  // "resumed" status event rewinds the series to the checkpoint.
  follower_->pollNow();
  updateButtons();
  return true;
}

bool TrainingView::openRun(const QString& runDir) {
  if (process_->isActive()) {
    appendLog("Stop the running trainer before opening another run.", true);
    return false;
  }
  if (!QFileInfo(QDir(runDir).filePath("config.json")).isFile() &&
      !QFileInfo(QDir(runDir).filePath("events.jsonl")).isFile()) {
    appendLog(runDir + ": not a run folder (no config.json or events.jsonl)", true);
    return false;
  }
  // Followed by the view's follower; a run the runs list has read already is handed over, not re-read.
  showRun(runDir);
  loggedErrors_ = 0;
  appendLog("Following " + follower_->runDir());
  refreshPlots();
  updateButtons();
  updateStatusLine();
  return true;
}

void TrainingView::showRun(const QString& runDir, bool readAfresh) {
  runs_->setCurrentRun(runDir, follower_, readAfresh);
  // Its series are the view's own again: start the graphs over.
  plots_->restartSeries();
}

void TrainingView::requestKill() {
  if (!process_->isActive()) return;
  auto* box = new QMessageBox(QMessageBox::Warning, "Kill trainer",
                              "Kill the trainer now? Steps since the last checkpoint are lost; the run can be "
                              "resumed from that checkpoint.",
                              QMessageBox::Yes | QMessageBox::Cancel, this);
  box->setObjectName("killConfirmation");
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton* button) {
    if (box->standardButton(button) == QMessageBox::Yes) process_->killTraining();
  });
  box->open();
}

void TrainingView::onTrainerExited(TrainerState state, const QString& report) {
  follower_->pollNow();  // the last events written before the exit
  // Whatever ended is no longer training in the background (it may have been re-attached).
  if (settings_ && !follower_->runDir().isEmpty()) settings_->removeBackgroundRun(follower_->runDir());
  if (state == TrainerState::Crashed || state == TrainerState::Killed)
    appendLog("Trainer " + toString(state) + ": " + report + "\nPress “Resume run” to continue from the last checkpoint.",
              true);
  else
    appendLog("Trainer " + toString(state) + ".");
  refreshPlots();
  updateButtons();
  updateStatusLine();
  if (closeAfterStop_) {
    // "Stop training" from the close prompt: the trainer is down, the window may go now.
    closeAfterStop_ = false;
    closeDecided_ = true;
    if (closeAgain_) QMetaObject::invokeMethod(this, [this] { closeAgain_(); }, Qt::QueuedConnection);
  }
}

void TrainingView::logRunErrors() {
  const auto& errors = follower_->metrics().errors;
  for (std::size_t i = loggedErrors_; i < errors.size(); ++i)
    appendLog("run error: " + QString::fromStdString(errors[i]), true);
  loggedErrors_ = errors.size();
}

void TrainingView::refreshPlots() { plots_->refresh(); }
int TrainingView::plotRefreshCount() const { return plots_->refreshCount(); }
QCustomPlot* TrainingView::lossPlot() const { return plots_->lossPlot(); }
QList<QCustomPlot*> TrainingView::plots() const { return plots_->plots(); }
RunOverlay* TrainingView::overlay() const { return plots_->overlay(); }
QLabel* TrainingView::loadingLabel() const { return plots_->loadingLabel(); }
bool TrainingView::exportPlotsPng(const QString& path) const { return plots_->exportPng(path); }
bool TrainingView::exportPlotsPdf(const QString& path) const { return plots_->exportPdf(path); }
bool TrainingView::exportSeriesCsv(const QString& path) const { return plots_->exportSeriesCsv(path); }

}  // namespace binge::ui
