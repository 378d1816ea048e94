#include "TrainingView.h"
#include "sampling/BatchShape.h"

#include "AppSettings.h"
#include "DenseGraphPens.h"
#include "LibraryController.h"
#include "LiveProcess.h"
#include "PlotHoverTracer.h"
#include "ProbePlotLayers.h"
#include "QCustomPlotInclude.h"
#include "RunFollower.h"
#include "RunListModel.h"
#include "RunOverlay.h"
#include "RunsPanel.h"
#include "TrainingForm.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"

#include <QCheckBox>
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
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

namespace binge::ui {
namespace {

constexpr int kPlotRefreshMs = 500;

QString formatEta(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "–";
  const long s = std::lround(seconds);
  if (s >= 3600) return QString("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60, 2, 10, QChar('0'));
  return QString("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

// Feeds `graph` with (step, scale · field) of `points` through its GraphFeed (only new points are copied).
template <class Point>
void feedSeries(std::map<QCPGraph*, GraphFeed>& feeds, QCPGraph* graph, const std::vector<Point>& points,
                double Point::*field, const GraphFeed::Source& source, double scale = 1.0) {
  feeds[graph].update(
      graph, points.size(), [&points](std::size_t i) { return static_cast<double>(points[i].step); },
      [&points, field, scale](std::size_t i) { return scale * (points[i].*field); }, source);
}

QString libraryOf(const TrainerLaunch& launch) { return QString::fromStdString(launch.config.data.libraryPath); }

QCPGraph* addGraph(QCustomPlot* plot, const QColor& colour, const QString& name, double width = 1.5) {
  QCPGraph* graph = plot->addGraph();
  graph->setPen(QPen(colour, width));
  graph->setName(name);
  return graph;
}

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
  vertical->addWidget(buildPlots());
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
  // The run's existing events are read on a worker; the plots say so meanwhile and redraw once they
  // are in (not half a plot-timer period later).
  connect(follower_, &RunFollower::loadingChanged, this, [this](bool loading) {
    loading_->setVisible(loading);
    if (!loading) refreshPlots();
  });

  overlay_ = std::make_unique<RunOverlay>(
      RunOverlay::Plots{lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}, runs_);
  connect(runsPanel_, &RunsPanel::showRunRequested, this, [this](const QString& dir) { openRun(dir); });
  connect(runsPanel_, &RunsPanel::runsFolderChanged, this, [this](const QString& folder) {
    if (settings_) settings_->setRunsFolder(folder);
  });
  // A tick, an untick or a new baseline is a user action: drawn at once, not at the next tick.
  connect(runs_, &RunListModel::overlayChanged, this, &TrainingView::refreshPlots);

  plotTimer_ = new QTimer(this);
  plotTimer_->setInterval(kPlotRefreshMs);
  connect(plotTimer_, &QTimer::timeout, this, [this] {
    // The overlaid runs are fed here too (only their new points); the full redraw only if needed.
    const bool overlayChanged = overlay_->update(smoothing_->value() / 100.0);
    if (overlayChanged || follower_->revision() != plottedRevision_) refreshPlots();
  });
  plotTimer_->start();

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
  connect(form_, &TrainingForm::changed, this, &TrainingView::updateButtons);

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

QCustomPlot* TrainingView::makePlot(const QString& title, const QString& yLabel) {
  auto* plot = new QCustomPlot(plotArea_);
  plot->setObjectName(title);
  plot->setMinimumSize(260, 170);
  plot->plotLayout()->insertRow(0);
  auto* heading = new QCPTextElement(plot, title, QFont(font().family(), 9, QFont::Bold));
  plot->plotLayout()->addElement(0, 0, heading);
  plot->xAxis->setLabel("step");
  plot->yAxis->setLabel(yLabel);
  plot->setNoAntialiasingOnDrag(true);
  // Zoom and pan on the step axis. Once the user has zoomed, refreshes stop refitting the step axis
  // (a live plot would otherwise jump back under the mouse); a double click fits it again.
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  connect(plot, &QCustomPlot::mouseWheel, plot, [plot] { plot->setProperty("userRange", true); });
  connect(plot, &QCustomPlot::mousePress, plot, [plot] { plot->setProperty("userRange", true); });
  connect(plot, &QCustomPlot::mouseDoubleClick, this, [this, plot] {
    plot->setProperty("userRange", false);
    refreshPlots();
  });
  new PlotHoverTracer(plot);  // a child of the plot: step and value of the point under the mouse
  return plot;
}

QWidget* TrainingView::buildPlots() {
  plotArea_ = new QWidget;
  plotArea_->setObjectName("plotArea");
  auto* grid = new QGridLayout(plotArea_);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(4);

  lossPlot_ = makePlot("Loss", "InfoNCE loss (nats)");
  addGraph(lossPlot_, QColor(31, 119, 180, 90), "raw", 1.0);
  addGraph(lossPlot_, QColor(31, 119, 180), "smoothed", 2.0);
  lossPlot_->legend->setVisible(true);
  lrPlot_ = makePlot("Learning rate", "learning rate");
  addGraph(lrPlot_, QColor(44, 160, 44), "lr");
  speedPlot_ = makePlot("Throughput", "clips/s");
  addGraph(speedPlot_, QColor(148, 103, 189), "clips/s");
  timePlot_ = makePlot("Time per step", "ms per step");
  addGraph(timePlot_, QColor(255, 127, 14), "data wait");
  addGraph(timePlot_, QColor(31, 119, 180), "compute");
  timePlot_->legend->setVisible(true);
  hardnessPlot_ = makePlot("Batch hardness", "mean cosine similarity");
  addGraph(hardnessPlot_, QColor(44, 160, 44), "positive");
  addGraph(hardnessPlot_, QColor(214, 39, 40), "same-title negative");
  addGraph(hardnessPlot_, QColor(127, 127, 127), "cross-title negative");
  hardnessPlot_->legend->setVisible(true);
  probePlot_ = makePlot("Probe accuracy", "top-1 accuracy (%)");
  addGraph(probePlot_, QColor(31, 119, 180), "video kNN");
  addGraph(probePlot_, QColor(31, 119, 180, 140), "video linear")->setLineStyle(QCPGraph::lsLine);
  addGraph(probePlot_, QColor(214, 39, 40), "audio kNN");
  addGraph(probePlot_, QColor(214, 39, 40, 140), "audio linear");
  addGraph(probePlot_, QColor(0, 0, 0), "chance", 1.0)->setPen(QPen(Qt::gray, 1, Qt::DashLine));
  probePlot_->legend->setVisible(true);
  for (int i = 0; i < probePlot_->graphCount() - 1; ++i)
    probePlot_->graph(i)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  probeLayers_ = std::make_unique<ProbePlotLayers>(
      probePlot_, QVector<QCPGraph*>{probePlot_->graph(0), probePlot_->graph(1), probePlot_->graph(2), probePlot_->graph(3)},
      probePlot_->graph(4));

  for (QCustomPlot* plot : {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}) {
    QFont small = font();
    small.setPointSize(7);
    plot->legend->setFont(small);
    plot->legend->setRowSpacing(-3);
    // Translucent, so a legend over the data does not hide it.
    plot->legend->setBrush(QColor(255, 255, 255, 170));
    plot->legend->setBorderPen(Qt::NoPen);
  }

  auto* lossBox = new QWidget(plotArea_);
  auto* lossLayout = new QVBoxLayout(lossBox);
  lossLayout->setContentsMargins(0, 0, 0, 0);
  lossLayout->addWidget(lossPlot_, 1);
  auto* lossOptions = new QHBoxLayout;
  lossOptions->addWidget(new QLabel("Smoothing", lossBox));
  smoothing_ = new QSlider(Qt::Horizontal, lossBox);
  smoothing_->setObjectName("smoothing");
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setToolTip("Exponential moving average weight (0 = raw)");
  lossOptions->addWidget(smoothing_, 1);
  logLoss_ = new QCheckBox("log scale", lossBox);
  logLoss_->setObjectName("logLoss");
  lossOptions->addWidget(logLoss_);
  lossLayout->addLayout(lossOptions);
  connect(smoothing_, &QSlider::valueChanged, this, &TrainingView::refreshPlots);
  connect(logLoss_, &QCheckBox::toggled, this, [this](bool on) {
    lossPlot_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) lossPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else lossPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    refreshPlots();
  });

  grid->addWidget(lossBox, 0, 0);
  grid->addWidget(lrPlot_, 0, 1);
  grid->addWidget(speedPlot_, 0, 2);
  grid->addWidget(timePlot_, 1, 0);
  grid->addWidget(hardnessPlot_, 1, 1);
  auto* probeBox = new QWidget(plotArea_);
  auto* probeLayout = new QVBoxLayout(probeBox);
  probeLayout->setContentsMargins(0, 0, 0, 0);
  probeLayout->addWidget(probePlot_, 1);
  neighbours_ = new QCheckBox("nearest neighbours: same event vs same show", probeBox);
  neighbours_->setObjectName("probeNeighbours");
  neighbours_->setToolTip("Share of each probe item's 10 nearest neighbours from its event class and from its show. "
                          "Random and identity-bound features find the same show; a model that learned events "
                          "finds the same event.");
  probeLayout->addWidget(neighbours_);
  connect(neighbours_, &QCheckBox::toggled, this, [this](bool on) {
    probeLayers_->setNeighboursMode(on);
    refreshPlots();
  });
  grid->addWidget(probeBox, 1, 2);
  // Equal rows: the loss cell's slider row must not squeeze the bottom plots.
  grid->setRowStretch(0, 1);
  grid->setRowStretch(1, 1);

  // Over the plots, centred on the top row (clear of the loss plot's controls), while an opened run is
  // being read.
  loading_ = new QLabel("Loading run…", plotArea_);
  loading_->setObjectName("loadingRun");
  loading_->setStyleSheet("background: rgba(255, 255, 255, 220); border: 1px solid #999; padding: 12px 24px;"
                          "font-size: 14pt;");
  loading_->setVisible(false);
  grid->addWidget(loading_, 0, 0, 1, 3, Qt::AlignCenter);
  loading_->raise();
  return plotArea_;
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
  for (auto& [graph, feed] : feeds_) feed.reset();
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

QList<QCustomPlot*> TrainingView::plots() const {
  return {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_};
}

void TrainingView::styleForComparison() {
  // Alone, the run shown in full has all of its series in their own colours. With other runs on the
  // plots, each plot compares one series across runs (the one RunOverlay draws for them): the run shown
  // in full keeps that series, in its blue and under its name, and its other series step aside — the
  // legends would otherwise mix "same-title negative of this run" with other runs' colours.
  const bool comparing = overlay_ && overlay_->runCount() > 0;
  if (comparing == comparing_ && !comparing) return;
  comparing_ = comparing;
  const QString name = QFileInfo(follower_->runDir()).fileName();
  const bool baseline = !follower_->runDir().isEmpty() && runs_->baselineRow() >= 0 &&
                        runs_->baselineRow() == runs_->rowOf(follower_->runDir());
  const QColor blue(31, 119, 180);
  auto show = [comparing](QCPGraph* graph, bool inComparison) { graph->setVisible(!comparing || inComparison); };
  auto style = [](QCPGraph* graph, const QColor& colour, const QString& label) {
    QPen pen = graphPen(graph);
    pen.setColor(colour);
    setGraphPen(graph, pen);
    graph->setName(label);
  };
  style(lossPlot_->graph(0), QColor(31, 119, 180, 90), comparing ? name + " (raw)" : QString("raw"));
  style(lossPlot_->graph(1), blue, comparing ? name + (baseline ? " (baseline)" : "") : QString("smoothed"));
  QPen smoothPen = graphPen(lossPlot_->graph(1));
  smoothPen.setStyle(comparing && baseline ? Qt::DashLine : Qt::SolidLine);
  setGraphPen(lossPlot_->graph(1), smoothPen);
  style(lrPlot_->graph(0), comparing ? blue : QColor(44, 160, 44), comparing ? name : QString("lr"));
  style(speedPlot_->graph(0), comparing ? blue : QColor(148, 103, 189), comparing ? name : QString("clips/s"));
  show(timePlot_->graph(0), false);
  style(timePlot_->graph(1), blue, comparing ? name + ": compute" : QString("compute"));
  show(hardnessPlot_->graph(0), false);
  style(hardnessPlot_->graph(1), comparing ? blue : QColor(214, 39, 40),
        comparing ? name + ": same-title neg." : QString("same-title negative"));
  show(hardnessPlot_->graph(2), false);
  for (int g : {1, 2, 3}) show(probePlot_->graph(g), false);
  probePlot_->graph(0)->setName(comparing ? name + ": video kNN" : QString("video kNN"));
  lrPlot_->legend->setVisible(comparing);
  speedPlot_->legend->setVisible(comparing);
  // Legends list the visible graphs, in graph order (the run in full first, then the others).
  for (QCustomPlot* plot : plots()) {
    plot->legend->clearItems();
    for (int g = 0; g < plot->graphCount(); ++g)
      if (plot->graph(g)->visible()) plot->graph(g)->addToLegend();
  }
}

void TrainingView::refreshPlots() {
  const RunMetrics& m = follower_->metrics();
  plottedRevision_ = follower_->revision();
  ++plotRefreshes_;
  for (std::size_t i = loggedErrors_; i < m.errors.size(); ++i)
    appendLog("run error: " + QString::fromStdString(m.errors[i]), true);
  loggedErrors_ = m.errors.size();

  // Only the points added since the last refresh are copied into the graphs (GraphFeed); another run,
  // a resume's rewind or a new smoothing weight redraws a series from scratch.
  const GraphFeed::Source source{follower_->followSerial(), m.rewinds, 0};
  const double weight = smoothing_->value() / 100.0;
  feedSeries(feeds_, lossPlot_->graph(0), m.steps, &StepPoint::loss, source);
  {
    std::vector<double> loss(m.steps.size());
    for (std::size_t i = 0; i < loss.size(); ++i) loss[i] = m.steps[i].loss;
    const std::vector<double> smooth = smoothed(loss, weight);
    const auto& steps = m.steps;
    feeds_[lossPlot_->graph(1)].update(
        lossPlot_->graph(1), steps.size(), [&steps](std::size_t i) { return static_cast<double>(steps[i].step); },
        [&smooth](std::size_t i) { return smooth[i]; }, {source.run, source.rewinds, weight});
  }
  feedSeries(feeds_, lrPlot_->graph(0), m.steps, &StepPoint::lr, source);
  feedSeries(feeds_, speedPlot_->graph(0), m.steps, &StepPoint::clipsPerSecond, source);
  feedSeries(feeds_, timePlot_->graph(0), m.steps, &StepPoint::dataWaitMs, source);
  feedSeries(feeds_, timePlot_->graph(1), m.steps, &StepPoint::computeMs, source);
  feedSeries(feeds_, hardnessPlot_->graph(0), m.hardness, &HardnessPoint::positive, source);
  feedSeries(feeds_, hardnessPlot_->graph(1), m.hardness, &HardnessPoint::sameTitleNegative, source);
  feedSeries(feeds_, hardnessPlot_->graph(2), m.hardness, &HardnessPoint::crossTitleNegative, source);
  feedSeries(feeds_, probePlot_->graph(0), m.probes, &ProbePoint::videoKnn, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(1), m.probes, &ProbePoint::videoLinear, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(2), m.probes, &ProbePoint::audioKnn, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(3), m.probes, &ProbePoint::audioLinear, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(4), m.probes, &ProbePoint::chance, source, 100.0);
  if (overlay_) overlay_->update(weight);
  probeLayers_->update(m.probes, overlay_ && overlay_->runCount() > 0);
  styleForComparison();
  if (m.probes.empty() && !comparing_) probePlot_->graph(0)->setName("video kNN (no probe events)");
  else if (!comparing_) probePlot_->graph(0)->setName("video kNN");

  for (QCustomPlot* plot : {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}) {
    const QCPRange userSteps = plot->xAxis->range();
    plot->rescaleAxes();
    if (plot->property("userRange").toBool()) plot->xAxis->setRange(userSteps);
    if (plot == lossPlot_ && logLoss_->isChecked()) {
      // A log axis cannot start at 0 or below; losses are positive, keep the range so.
      QCPRange r = plot->yAxis->range();
      if (r.lower <= 0) plot->yAxis->setRangeLower(std::max(1e-3, r.upper / 100));
    }
    // A little headroom so a flat series is not drawn on the frame.
    plot->yAxis->scaleRange(1.1, plot->yAxis->range().center());
    if (plot == probePlot_ && m.probes.empty()) {
      // Nothing to fit: show the accuracy scale over the run's steps rather than an arbitrary box.
      plot->yAxis->setRange(0, 100);
      if (!m.steps.empty()) {
        const double first = static_cast<double>(m.steps.front().step), last = static_cast<double>(m.steps.back().step);
        plot->xAxis->setRange(first, std::max(last, first + 1));
      }
    }
    fitPenWidthsToDensity(plot);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
  updateStatusLine();
  updateButtons();
}

void TrainingView::clearHoverValues() const {
  // An export shows the series, not where the mouse happened to be.
  for (QCustomPlot* plot : plots())
    if (auto* tracer = plot->findChild<PlotHoverTracer*>()) tracer->clear();
}

bool TrainingView::exportPlotsPng(const QString& path) const {
  clearHoverValues();
  const QPixmap pixmap = plotArea_->grab();
  return !pixmap.isNull() && pixmap.save(path, "PNG");
}

bool TrainingView::exportPlotsPdf(const QString& path) const {
  // One page the size of the plot area, 1 point per pixel: every plot drawn where it is on screen, as
  // vectors (QCustomPlot renders itself into any QPainter), so the PDF zooms without blur.
  QPdfWriter writer(path);
  writer.setResolution(72);
  writer.setPageSize(QPageSize(QSizeF(plotArea_->size()), QPageSize::Point, QString(), QPageSize::ExactMatch));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle("Binge training plots: " + QFileInfo(follower_->runDir()).fileName());
  writer.setCreator("Binge");
  clearHoverValues();
  QCPPainter painter;
  if (!painter.begin(&writer)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  for (QCustomPlot* plot : plots()) {
    painter.save();
    painter.translate(plot->mapTo(plotArea_, QPoint(0, 0)));
    plot->toPainter(&painter, plot->width(), plot->height());
    painter.restore();
  }
  return painter.end() && QFileInfo(path).size() > 0;
}

bool TrainingView::exportSeriesCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  const auto& points = follower_->metrics().steps;
  std::vector<double> loss;
  for (const auto& p : points) loss.push_back(p.loss);
  const std::vector<double> smooth = smoothed(loss, smoothing_->value() / 100.0);
  QByteArray text = "step,loss,loss_smoothed,lr,clips_per_s,data_wait_ms,compute_ms\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const StepPoint& p = points[i];
    text += QString("%1,%2,%3,%4,%5,%6,%7\n")
                .arg(p.step)
                .arg(p.loss, 0, 'g', 8)
                .arg(smooth[i], 0, 'g', 8)
                .arg(p.lr, 0, 'g', 8)
                .arg(p.clipsPerSecond, 0, 'g', 6)
                .arg(p.dataWaitMs, 0, 'g', 6)
                .arg(p.computeMs, 0, 'g', 6)
                .toUtf8();
  }
  return file.write(text) == text.size();
}

}  // namespace binge::ui
