// The Training tab's runs (what the first dashboard left out): the runs list of a runs folder
// and of this session, several runs overlaid on the plots with a legend and a dashed baseline, the
// config diff of two runs, hover values and PDF export; the GUI-thread stall with three overlaid runs of
// 100,000 points; 20 start/stop cycles leaving no child process and no thread behind; closing the window
// while training (Cancel, Stop, Keep training in the background) and a new window re-attaching to the
// trainer left running; a data-parallel run of two binge-cli ranks followed to its end, ranks shown.
// Saves a screenshot of the overlay.
#include "AppSettings.h"
#include "BingeApplication.h"
#include "ConfigDiff.h"
#include "ConfigDiffDialog.h"
#include "LiveProcess.h"
#include "MainWindow.h"
#include "PlotHoverTracer.h"
#include "RunFollower.h"
#include "RunListModel.h"
#include "RunMetrics.h"
#include "RunOverlay.h"
#include "RunsPanel.h"
#include "Screenshot.h"
#include "StallWatchdog.h"
#include "LoopbackPort.h"
#include "Artifacts.h"
#include "TrainerLaunches.h"
#include "TrainerProcess.h"
#include "TrainingView.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include "QCustomPlotInclude.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <memory>

using namespace binge;
using namespace binge::ui;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
  file.write(bytes);
}

// What a generated run looks like: its config and the shape of its loss curve.
struct FakeRun {
  QString sampler = "hierarchical";
  double lr = 1e-3;
  int titlesPerBatch = 4;
  int steps = 400;
  double start = 4.2, floor = 1.1, rate = 150;  // loss = floor + (start - floor)·exp(-step / rate)
  const char* state = "finished";
};

// A run directory as binge-cli writes it (config.json, events.jsonl with status, step, batch and probe
// events), with a smooth loss curve plus deterministic wiggle. Fast: for tests that need finished runs
// of any length without training them.
void writeFakeRun(const QString& dir, const FakeRun& run) {
  QDir().mkpath(dir);
  const nlohmann::json config = {
      {"preset", "tiny"},
      {"seed", 3},
      {"steps", run.steps},
      {"data", {{"sampler", run.sampler.toStdString()}, {"batch_size", 32}, {"titles_per_batch", run.titlesPerBatch}}},
      {"optimizer", {{"kind", "adam"}, {"lr", run.lr}}},
      {"model", {{"tiny_width", 16}, {"embedding_dim", 128}}}};
  writeFile(dir + "/config.json", QByteArray::fromStdString(config.dump(2)));
  QByteArray events;
  events.reserve(run.steps * 150);
  events += QString(R"({"type":"status","state":"running","step":0,"steps":%1})").arg(run.steps).toUtf8() + '\n';
  for (int s = 1; s <= run.steps; ++s) {
    const double loss = run.floor + (run.start - run.floor) * std::exp(-s / run.rate) + 0.08 * std::sin(s * 0.7);
    events += QString(R"({"type":"step","step":%1,"steps":%2,"loss":%3,"lr":%4,"clips_per_s":%5,)"
                      R"("data_wait_ms":1.5,"compute_ms":%6,"elapsed_s":%7,"eta_s":0})")
                  .arg(s)
                  .arg(run.steps)
                  .arg(loss, 0, 'g', 6)
                  .arg(run.lr * std::min(1.0, s / 20.0), 0, 'g', 6)
                  .arg(40 + 3 * std::sin(s * 0.1), 0, 'g', 5)
                  .arg(20 + std::cos(s * 0.3), 0, 'g', 5)
                  .arg(s * 0.8, 0, 'g', 6)
                  .toUtf8() +
              '\n';
    if (s % 20 == 0) {
      const double same = 0.2 + 0.4 * (1 - std::exp(-s / run.rate)) * (run.titlesPerBatch < 8 ? 1.0 : 0.3);
      events += QString(R"({"type":"batch","step":%1,"hardness":{"positive":%2,"same_title_negative":%3,)"
                        R"("cross_title_negative":0.05,"easy_negative_share":0.5,"same_title_pairs":24}})")
                    .arg(s)
                    .arg(0.3 + 0.5 * (1 - std::exp(-s / run.rate)), 0, 'g', 5)
                    .arg(same, 0, 'g', 5)
                    .toUtf8() +
                '\n';
    }
    if (s % 100 == 0)
      events += QString(R"({"type":"probe","step":%1,"video":{"knn":%2,"linear":%3},"chance":0.1})")
                    .arg(s)
                    .arg(0.1 + 0.5 * (1 - std::exp(-s / run.rate)), 0, 'g', 4)
                    .arg(0.1 + 0.6 * (1 - std::exp(-s / run.rate)), 0, 'g', 4)
                    .toUtf8() +
                '\n';
  }
  events += QString(R"({"type":"status","state":"%1","step":%2,"steps":%2})").arg(run.state).arg(run.steps).toUtf8() + '\n';
  writeFile(dir + "/events.jsonl", events);
}

// Children of this process, zombies included (a child never reaped is a leak too).
QList<qint64> childProcesses() {
  QList<qint64> children;
  const QString me = QString::number(::getpid());
  for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
    bool numeric = false;
    const qint64 pid = entry.toLongLong(&numeric);
    if (!numeric) continue;
    QFile stat("/proc/" + entry + "/stat");
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QByteArray line = stat.readAll();
    // "pid (comm) state ppid …"
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() > 1 && fields.at(1) == me.toUtf8()) children << pid;
  }
  return children;
}

int threadCount() { return static_cast<int>(QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()); }

int freePort() { return binge::test::freeLoopbackPort(); }

// tests/train/test_distributed.cpp's tiny, fast config: small encoders with GroupNorm, 32² crops.
const char* kDistributedConfig = R"({
  "model": {"tiny_width": 8, "head_hidden_dim": 32, "embedding_dim": 16, "normalization": "group"},
  "data": {"crop_size": 32, "clip": {"short_side": 36, "mel_bins": 16, "audio_seconds": 0.5}},
  "schedule": {"warmup_steps": 1},
  "log_every": 1, "batch_event_every": 2, "checkpoint_every": 10, "keep_checkpoints": 2
})";

QStringList legendNames(QCustomPlot* plot) {
  QStringList names;
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i))) names << item->plottable()->name();
  return names;
}

// Ends a trainer when the test case leaves, passed or not: once let go of, nothing else here would.
struct KillOnExit {
  qint64 pid;
  ~KillOnExit() {
    if (processIsAlive(pid)) ::kill(static_cast<pid_t>(pid), SIGKILL);
  }
};

long stepEventsIn(const QString& runDir) {
  QFile file(runDir + "/events.jsonl");
  if (!file.open(QIODevice::ReadOnly)) return 0;
  return file.readAll().count("\"type\":\"step\"");
}

}  // namespace

class TestRunsView : public QObject {
  Q_OBJECT
  QTemporaryDir scratch_;

  // A small, fast synthetic run (tiny encoders, 32² crops), events every step.
  TrainerLaunch syntheticLaunch(const QString& runName, qint64 steps) {
    TrainerLaunch launch = binge::test::syntheticLaunch(scratch_.filePath(runName), steps, /*logEvery=*/1);
    binge::applyJson(launch.config, nlohmann::json::parse(kDistributedConfig));
    return launch;
  }

  QString fastConfig() {
    const QString path = scratch_.filePath("fast.json");
    if (!QFileInfo::exists(path)) writeFile(path, kDistributedConfig);
    return path;
  }

 private Q_SLOTS:
  void initTestCase() {
    configureApplication(*qApp);
    QVERIFY(scratch_.isValid());
    QVERIFY2(!TrainerProcess::locateCli().isEmpty(), "binge-cli not found ($BINGE_CLI)");
  }

  void configDiffKeepsOnlyDifferingFlattenedKeys() {
    const auto left = nlohmann::json::parse(R"({"seed": 3, "data": {"sampler": "uniform", "batch_size": 32,
        "clip": {"fps": 8}}, "optimizer": {"lr": 0.001}, "tags": ["a", "b"], "only_left": true})");
    const auto right = nlohmann::json::parse(R"({"seed": 3, "data": {"sampler": "hierarchical", "batch_size": 32,
        "clip": {"fps": 16}}, "optimizer": {"lr": 0.001}, "tags": ["a", "c"], "only_right": 1})");
    QCOMPARE(flattenConfig(left).at("data.clip.fps"), std::string("8"));
    QCOMPARE(flattenConfig(left).at("tags[1]"), std::string("b"));
    const auto diff = diffConfigs(left, right);
    QStringList paths;
    for (const auto& d : diff) paths << QString::fromStdString(d.path);
    QCOMPARE(paths, (QStringList{"data.clip.fps", "data.sampler", "only_left", "only_right", "tags[1]"}));
    QCOMPARE(diff[1].left, std::string("uniform"));
    QCOMPARE(diff[1].right, std::string("hierarchical"));
    QVERIFY(diff[2].rightMissing && !diff[2].leftMissing);
    QVERIFY(diffConfigs(left, left).empty());

    // The same through the runs list: two runs' config.json, compared from the panel.
    const QString folder = scratch_.filePath("diff-runs");
    FakeRun a;
    a.sampler = "uniform";
    FakeRun b;
    b.lr = 3e-4;
    writeFakeRun(folder + "/a-uniform", a);
    writeFakeRun(folder + "/b-hierarchical", b);
    TrainingView view;
    view.runsPanel()->setRunsFolder(folder);
    RunListModel* runs = view.runs();
    QCOMPARE(runs->rowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!runs->follower(0)->config().is_null() && !runs->follower(1)->config().is_null(), 10000);
    ConfigDiffDialog* dialog = view.runsPanel()->compareConfigs(runs->rowOf(folder + "/a-uniform"),
                                                                runs->rowOf(folder + "/b-hierarchical"));
    QVERIFY(dialog);
    QCOMPARE(dialog->lines(), (QStringList{"data.sampler: uniform → hierarchical", "optimizer.lr: 0.001 → 0.0003"}));
    QCOMPARE(dialog->table()->rowCount(), 2);
    QCOMPARE(dialog->table()->item(0, 0)->text(), QString("data.sampler"));
    QCOMPARE(dialog->table()->horizontalHeaderItem(1)->text(), QString("a-uniform"));
    dialog->close();
  }

  // The runs folder's runs are listed with state, step / steps, last loss and sampler; two finished runs
  // overlaid on the one shown in full, one pinned as the dashed baseline that stays when ticks change.
  void runsListAndOverlayOfFinishedRuns() {
    const QString folder = scratch_.filePath("runs");
    FakeRun uniform;
    uniform.sampler = "uniform";
    uniform.titlesPerBatch = 32;
    uniform.start = 3.5, uniform.floor = 1.6, uniform.rate = 90;
    FakeRun hierarchical;
    hierarchical.start = 4.2, hierarchical.floor = 2.1, hierarchical.rate = 160;
    FakeRun slow = hierarchical;
    slow.lr = 3e-4, slow.rate = 320, slow.floor = 2.3, slow.steps = 300;
    slow.state = "stopped";
    writeFakeRun(folder + "/uniform", uniform);
    writeFakeRun(folder + "/hierarchical", hierarchical);
    writeFakeRun(folder + "/hierarchical-lr3e-4", slow);
    QDir().mkpath(folder + "/not-a-run");

    MainWindow window(nullptr, std::make_shared<AppSettings>(scratch_.filePath("overlay-settings.ini")));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TrainingView* view = window.trainingView();
    window.tabs()->setCurrentWidget(view);
    view->runsPanel()->setRunsFolder(folder);
    RunListModel* runs = view->runs();
    QCOMPARE(runs->rowCount(), 3);  // not-a-run is not listed
    const int rowU = runs->rowOf(folder + "/uniform"), rowH = runs->rowOf(folder + "/hierarchical"),
              rowS = runs->rowOf(folder + "/hierarchical-lr3e-4");
    QVERIFY(rowU >= 0 && rowH >= 0 && rowS >= 0);
    auto cell = [runs](int row, int column) { return runs->data(runs->index(row, column)).toString(); };
    QTRY_COMPARE_WITH_TIMEOUT(cell(rowU, RunListModel::StateColumn), QString("finished"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(rowS, RunListModel::StateColumn), QString("stopped"), 10000);
    QCOMPARE(cell(rowH, RunListModel::StepColumn), QString("400 / 400"));
    QCOMPARE(cell(rowS, RunListModel::StepColumn), QString("300 / 300"));
    QCOMPARE(cell(rowU, RunListModel::SamplerColumn), QString("uniform"));
    QCOMPARE(cell(rowH, RunListModel::SamplerColumn), QString("hierarchical"));
    const double lastLoss = runs->follower(rowH)->metrics().steps.back().loss;
    QCOMPARE(cell(rowH, RunListModel::LossColumn), QString::number(lastLoss, 'f', 4));

    // Show one in full; overlay the other two; pin the uniform run as the baseline.
    QVERIFY(view->openRun(folder + "/hierarchical"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->follower()->isLoading(), 10000);
    QCOMPARE(runs->currentRun(), QDir(folder + "/hierarchical").absolutePath());
    runs->setData(runs->index(rowS, RunListModel::NameColumn), Qt::Checked, Qt::CheckStateRole);
    runs->setOverlaid(rowU, true);
    view->runsPanel()->toggleBaseline(rowU);
    QCOMPARE(runs->baselineRow(), rowU);
    view->refreshPlots();
    QCOMPARE(view->overlay()->runCount(), 2);
    const QStringList legend = legendNames(view->lossPlot());
    QVERIFY2(legend.contains("hierarchical") && legend.contains("uniform (baseline)") &&
                 legend.contains("hierarchical-lr3e-4"),
             qPrintable(legend.join(", ")));
    QCPGraph* baseline = view->overlay()->graph(runs->runDir(rowU), RunOverlay::Loss);
    QCPGraph* other = view->overlay()->graph(runs->runDir(rowS), RunOverlay::Loss);
    QVERIFY(baseline && other);
    QCOMPARE(baseline->pen().style(), Qt::DashLine);
    QCOMPARE(other->pen().style(), Qt::SolidLine);
    QCOMPARE(baseline->dataCount(), 400);
    QCOMPARE(other->dataCount(), 300);
    QCOMPARE(view->overlay()->graph(runs->runDir(rowS), RunOverlay::Probe)->dataCount(), 3);
    // The overlays sit under the run shown in full.
    QCOMPARE(baseline->layer()->name(), QString(RunOverlay::kLayer));
    QVERIFY(baseline->layer()->index() < view->lossPlot()->graph(1)->layer()->index());

    // The baseline stays when the ticks change, even its own.
    runs->setOverlaid(rowU, false);
    runs->setOverlaid(rowS, false);
    QCOMPARE(view->overlay()->runCount(), 1);
    QVERIFY(view->overlay()->graph(runs->runDir(rowU), RunOverlay::Loss));
    QVERIFY(!view->overlay()->graph(runs->runDir(rowS), RunOverlay::Loss));
    QVERIFY(!legendNames(view->lossPlot()).contains("hierarchical-lr3e-4"));
    runs->setOverlaid(rowS, true);
    QCOMPARE(view->overlay()->runCount(), 2);

    // Showing another run in full: the previous one becomes a row with a follower of its own again.
    RunFollower* viewFollower = view->follower();
    QVERIFY(view->openRun(folder + "/hierarchical-lr3e-4"));
    QVERIFY(!view->follower()->isLoading());  // the list had read it: handed over, not read again
    QCOMPARE(int(view->follower()->metrics().steps.size()), 300);
    QCOMPARE(runs->follower(rowS), viewFollower);
    QVERIFY(runs->follower(rowH) != viewFollower);
    QTRY_VERIFY_WITH_TIMEOUT(!view->follower()->isLoading() && !runs->follower(rowH)->isLoading(), 10000);
    QCOMPARE(int(runs->follower(rowH)->metrics().steps.size()), 400);
    QVERIFY(!view->overlay()->graph(runs->runDir(rowS), RunOverlay::Loss));  // shown in full, not overlaid

    // Back to the first for the screenshot: three runs, the uniform baseline dashed.
    QVERIFY(view->openRun(folder + "/hierarchical"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->follower()->isLoading(), 10000);
    view->runsPanel()->table()->selectRow(rowH);
    view->refreshPlots();
    auto* tracer = view->lossPlot()->findChild<PlotHoverTracer*>();
    QVERIFY(tracer);
    const auto& steps = view->follower()->metrics().steps;
    QTest::qWait(100);
    QVERIFY(tracer->hoverAt(view->lossPlot()->graph(0)->coordsToPixels(120, steps[119].loss)));
    QTest::qWait(200);
    QVERIFY(binge::test::saveScreenshot(window, "runs_overlay_generated.png"));
  }

  // Three short real runs trained side by side (synthetic batches of 8 clips: 2 titles per batch —
  // hierarchical, hard same-title negatives — or 8, every clip from another title; two learning rates),
  // found in their runs folder and overlaid, the one-clip-per-title run as the baseline. The README's
  // screenshot.
  void screenshotOfThreeRealRunsOverlaid() {
    const QString folder = scratch_.filePath("real-runs");
    struct Real {
      const char* name;
      int titles;
      const char* lr;
    };
    const Real real[] = {{"M2-lr1e-3", 2, "1e-3"}, {"M8-lr1e-3", 8, "1e-3"}, {"M2-lr3e-4", 2, "3e-4"}};
    const QString cli = QProcessEnvironment::systemEnvironment().value("BINGE_CLI", TrainerProcess::locateCli());
    std::vector<std::unique_ptr<QProcess>> trainers;
    for (const Real& r : real) {
      auto p = std::make_unique<QProcess>();
      p->start(cli, {"--threads", "1", "train", "--synthetic", "--config", fastConfig(), "--run", folder + "/" + r.name,
                     "--steps", "200", "--batch", "8", "--titles-per-batch", QString::number(r.titles), "--lr", r.lr,
                     "--seed", "3", "--batch-event-every", "4"});
      trainers.push_back(std::move(p));
    }
    for (auto& p : trainers) {
      if (p->state() != QProcess::NotRunning) QVERIFY(p->waitForFinished(120000));
      QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }

    MainWindow window(nullptr, std::make_shared<AppSettings>(scratch_.filePath("real-settings.ini")));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TrainingView* view = window.trainingView();
    window.tabs()->setCurrentWidget(view);
    view->runsPanel()->setRunsFolder(folder);
    RunListModel* runs = view->runs();
    QCOMPARE(runs->rowCount(), 3);
    QVERIFY(view->openRun(folder + "/M2-lr1e-3"));
    for (int row = 0; row < runs->rowCount(); ++row)
      QTRY_VERIFY_WITH_TIMEOUT(!runs->follower(row)->isLoading(), 10000);
    runs->setOverlaid(runs->rowOf(folder + "/M8-lr1e-3"), true);
    runs->setOverlaid(runs->rowOf(folder + "/M2-lr3e-4"), true);
    runs->setBaseline(runs->rowOf(folder + "/M8-lr1e-3"));
    QCOMPARE(view->overlay()->runCount(), 2);
    QCOMPARE(view->overlay()->graph(runs->runDir(runs->rowOf(folder + "/M8-lr1e-3")), RunOverlay::Loss)->dataCount(), 200);
    view->runsPanel()->table()->selectRow(runs->rowOf(folder + "/M8-lr1e-3"));
    view->refreshPlots();
    QTest::qWait(200);
    const auto& steps = view->follower()->metrics().steps;
    view->lossPlot()->findChild<PlotHoverTracer*>()->hoverAt(
        view->lossPlot()->graph(1)->coordsToPixels(steps.at(99).step, view->lossPlot()->graph(1)->data()->at(99)->value));
    QTest::qWait(100);
    QVERIFY(binge::test::saveScreenshot(window, "runs_overlay.png"));
  }

  // Hover: the nearest point of the hovered graph, its step and value; through real mouse moves too.
  // PDF: the six plots as one vector page.
  void hoverValuesAndPdfExport() {
    const QString dir = scratch_.filePath("hover-run");
    FakeRun run;
    run.steps = 200;
    writeFakeRun(dir, run);
    TrainingView view;
    view.resize(1400, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.openRun(dir));
    QTRY_VERIFY_WITH_TIMEOUT(!view.follower()->isLoading(), 10000);
    view.refreshPlots();
    QTest::qWait(100);  // queued replots: pixel coordinates are valid after a layout and a replot
    QCustomPlot* plot = view.lossPlot();
    auto* tracer = plot->findChild<PlotHoverTracer*>();
    QVERIFY(tracer);
    const StepPoint& p = view.follower()->metrics().steps.at(49);  // step 50
    const QPointF at = plot->graph(0)->coordsToPixels(50, p.loss);
    QTest::mouseMove(plot, at.toPoint());
    QTRY_VERIFY(tracer->isShown());
    QCOMPARE(tracer->graph(), plot->graph(0));
    QVERIFY2(std::abs(tracer->key() - 50) <= 2, qPrintable(tracer->text()));
    QVERIFY2(tracer->text().startsWith("raw\nstep "), qPrintable(tracer->text()));
    // Exactly on the point (hoverAt with sub-pixel coordinates): that step and its value.
    QVERIFY(tracer->hoverAt(at));
    QCOMPARE(tracer->key(), 50.0);
    QCOMPARE(tracer->value(), p.loss);
    QVERIFY2(tracer->text().contains("step 50: " + QString::number(p.loss, 'g', 4)), qPrintable(tracer->text()));
    // Far from every graph: nothing shown.
    QVERIFY(!tracer->hoverAt(QPointF(2, 2)));
    QVERIFY(!tracer->isShown());
    // Sparse series: a probe point is found from a few pixels away.
    auto* probeTracer = view.plots().at(RunOverlay::Probe)->findChild<PlotHoverTracer*>();
    QCPGraph* probe = view.plots().at(RunOverlay::Probe)->graph(0);
    QVERIFY(probeTracer->hoverAt(probe->coordsToPixels(100, 100 * view.follower()->metrics().probes.at(0).videoKnn) +
                                 QPointF(6, 3)));
    QCOMPARE(probeTracer->key(), 100.0);

    const QString pdf = QDir(binge::test::artifactDir()).filePath("training_plots.pdf");
    QFile::remove(pdf);
    QVERIFY(view.exportPlotsPdf(pdf));
    QVERIFY(!probeTracer->isShown());  // hover values are not exported
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY2(bytes.size() > 10000, qPrintable(QString("%1 bytes").arg(bytes.size())));
    std::printf("pdf export: %s (%lld bytes)\n", qPrintable(pdf), static_cast<long long>(bytes.size()));
  }

  // The bar: the GUI thread never works more than 50 ms at a stretch while three runs of 100,000 points
  // per series are on the plots — overlays ticked, the run shown in full growing live, the mouse
  // hovering — because the plots refresh on a timer and only new points are copied.
  void overlayOf100kPointRunsStaysUnderTheStallBar() {
    const QString folder = scratch_.filePath("big-runs");
    FakeRun big;
    big.steps = 100000;
    big.rate = 20000;
    big.state = "running";
    writeFakeRun(folder + "/live", big);
    big.state = "finished";
    big.floor = 1.5;
    writeFakeRun(folder + "/done-a", big);
    big.floor = 1.9;
    writeFakeRun(folder + "/done-b", big);
    TrainingView view;
    view.resize(1400, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // From here on the GUI thread is watched: listing the folder starts three reads of 100,000 events.
    binge::test::StallWatchdog watchdog;
    watchdog.start();
    QElapsedTimer clock;
    clock.start();
    view.runsPanel()->setRunsFolder(folder);
    QVERIFY(view.openRun(folder + "/live"));
    RunListModel* runs = view.runs();
    QTRY_VERIFY_WITH_TIMEOUT(!view.follower()->isLoading(), 60000);
    for (int row = 0; row < runs->rowCount(); ++row)
      QTRY_VERIFY_WITH_TIMEOUT(!runs->follower(row)->isLoading(), 60000);
    const qint64 loadMs = clock.restart();
    QCOMPARE(int(view.follower()->metrics().steps.size()), 100000);
    QTest::qWait(600);  // a plot tick with nothing new
    clock.restart();
    // Ticking two runs of 100,000 points: each one's six graphs are filled once, here.
    runs->setOverlaid(runs->rowOf(folder + "/done-a"), true);
    QCoreApplication::processEvents();
    const qint64 tickA = clock.restart();
    runs->setOverlaid(runs->rowOf(folder + "/done-b"), true);
    QCoreApplication::processEvents();
    const qint64 tickB = clock.restart();
    runs->setBaseline(runs->rowOf(folder + "/done-b"));
    QCoreApplication::processEvents();
    QCOMPARE(view.overlay()->runCount(), 2);
    QCOMPARE(view.overlay()->graph(runs->runDir(runs->rowOf(folder + "/done-a")), RunOverlay::Loss)->dataCount(), 100000);

    // The run shown in full grows for 3 s (10 steps per 100 ms), the mouse moves over the loss plot.
    QFile file(folder + "/live/events.jsonl");
    QVERIFY(file.open(QIODevice::Append));
    int step = 100000;
    QCustomPlot* plot = view.lossPlot();
    const int refreshesBefore = view.plotRefreshCount();
    for (int round = 0; round < 30; ++round) {
      QByteArray lines;
      for (int i = 0; i < 10; ++i)
        lines += QString(R"({"type":"step","step":%1,"steps":200000,"loss":1.2,"lr":0.001,"clips_per_s":40,)"
                         R"("data_wait_ms":1.5,"compute_ms":20,"elapsed_s":1,"eta_s":1})")
                     .arg(++step)
                     .toUtf8() +
                 '\n';
      file.write(lines);
      file.flush();
      QTest::mouseMove(plot, QPoint(plot->width() / 4 + round * 10, plot->height() / 2));
      QTest::qWait(100);
    }
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(view.lossPlot()->graph(0)->dataCount(), 100300, 5000);
    watchdog.stop();
    const int refreshes = view.plotRefreshCount() - refreshesBefore;
    std::printf("overlay 3 x 100k points: folder read in %lld ms, tick run A %lld ms, tick run B %lld ms, %d timed "
                "refreshes while live; %s\n",
                static_cast<long long>(loadMs), static_cast<long long>(tickA), static_cast<long long>(tickB), refreshes,
                qPrintable(watchdog.report()));
    QVERIFY2(refreshes <= 8, "plots refresh on the 500 ms timer, not per event");  // 3 s of appends
    QVERIFY2(watchdog.withinBar(), qPrintable("overlay of three 100k-point runs: " + watchdog.report()));

    // Cost of one refresh with all three on the plots, nothing new vs a few new points.
    clock.restart();
    for (int i = 0; i < 5; ++i) {
      view.refreshPlots();
      QCoreApplication::processEvents();  // the queued replots of the six plots
    }
    std::printf("overlay 3 x 100k points: full refresh + replot %.1f ms\n", clock.elapsed() / 5.0);
  }

  // Start and stop a trainer 20 times: every child is reaped, every thread is gone again.
  void twentyStartStopCyclesLeakNothing() {
    const auto settle = [] {
      // The followers' initial reads run on a pool of their own; idle pool threads are ended here so
      // the counts compare like with like.
      RunFollower::readerPool()->waitForDone();
      QThreadPool::globalInstance()->waitForDone();
      QCoreApplication::processEvents();
    };
    TrainingView view;
    // One cycle first: Qt creates its lasting helpers (process manager, timers) once.
    TrainerLaunch launch = syntheticLaunch("cycle-warmup", 100000);
    view.setFormLaunch(launch);
    QSignalSpy exited(view.process(), &TrainerProcess::trainerExited);
    QVERIFY(view.startFromForm());
    view.process()->stopTraining();
    QVERIFY(exited.wait(60000));
    settle();
    const QList<qint64> childrenBefore = childProcesses();
    const int threadsBefore = threadCount();
    QElapsedTimer clock;
    clock.start();
    for (int cycle = 0; cycle < 20; ++cycle) {
      launch.runDir = scratch_.filePath(QString("cycle-%1").arg(cycle));
      view.setFormLaunch(launch);
      exited.clear();
      QVERIFY2(view.startFromForm(), qPrintable(QString("cycle %1").arg(cycle)));
      const qint64 pid = view.process()->trainerPid();
      QVERIFY(processIsAlive(pid));
      // Most cycles stop right away (the trainer reads "stop" once its stdin reader is up); every
      // fourth stops a trainer that is past its start-up and logging steps.
      if (cycle % 4 == 3) QTRY_VERIFY_WITH_TIMEOUT(stepEventsIn(launch.runDir) >= 1, 60000);
      view.process()->stopTraining(/*termAfterMs=*/3000, /*killAfterMs=*/3000);
      QVERIFY2(exited.wait(60000), qPrintable(QString("cycle %1").arg(cycle)));
      QCOMPARE(toString(view.process()->trainerState()), toString(TrainerState::Stopped));
      QVERIFY(!processIsAlive(pid));
    }
    const double seconds = clock.elapsed() / 1000.0;
    settle();
    const QList<qint64> childrenAfter = childProcesses();
    const int threadsAfter = threadCount();
    std::printf("20 start/stop cycles: %.1f s; children %lld -> %lld; threads %d -> %d\n", seconds,
                static_cast<long long>(childrenBefore.size()), static_cast<long long>(childrenAfter.size()),
                threadsBefore, threadsAfter);
    QCOMPARE(childrenAfter, childrenBefore);
    // Fewer is fine (a helper of an earlier test case may have ended meanwhile); more would be a leak.
    QVERIFY2(threadsAfter <= threadsBefore, qPrintable(QString("threads %1 -> %2").arg(threadsBefore).arg(threadsAfter)));
    QCOMPARE(view.runs()->rowCount(), 21);  // every run of the session is listed
  }

  // Closing the window while training asks: Cancel keeps both; Stop stops gracefully, then closes.
  void closingWhileTrainingAsksCancelThenStop() {
    MainWindow window(nullptr, std::make_shared<AppSettings>(scratch_.filePath("close-settings.ini")));
    window.show();
    TrainingView* view = window.trainingView();
    const TrainerLaunch launch = syntheticLaunch("close-stop", 100000);
    view->setFormLaunch(launch);
    QVERIFY(view->startFromForm());
    const qint64 pid = view->process()->trainerPid();
    QTRY_VERIFY_WITH_TIMEOUT(view->follower()->metrics().steps.size() >= 2, 60000);

    QVERIFY(!window.close());
    QMessageBox* box = view->closePrompt();
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton*>("cancelCloseButton"), Qt::LeftButton);
    QTRY_VERIFY(!view->closePrompt());
    QVERIFY(window.isVisible());
    QVERIFY(processIsAlive(pid));

    QSignalSpy exited(view->process(), &TrainerProcess::trainerExited);
    QVERIFY(!window.close());
    QTRY_VERIFY(view->closePrompt());
    QTest::mouseClick(view->closePrompt()->findChild<QPushButton*>("stopTrainingButton"), Qt::LeftButton);
    QVERIFY(window.isVisible());  // until the trainer is down
    QVERIFY(exited.wait(30000));
    QCOMPARE(toString(view->process()->trainerState()), toString(TrainerState::Stopped));
    QTRY_VERIFY(!window.isVisible());
    QVERIFY(!processIsAlive(pid));
    QCOMPARE(view->follower()->metrics().state, std::string("stopped"));
    QVERIFY(!QDir(launch.runDir + "/checkpoints").entryList({"step-*.pt"}, QDir::Files).isEmpty());
  }

  // "Keep training in the background": the trainer outlives the window — its pipes closed, as when the
  // GUI process is gone — and is recorded; a new window re-attaches to it and stops it by SIGTERM.
  void keepTrainingOutlivesTheWindowAndANewOneReattaches() {
    auto settings = std::make_shared<AppSettings>(scratch_.filePath("keep-settings.ini"));
    auto window = std::make_unique<MainWindow>(nullptr, settings);
    window->show();
    TrainingView* view = window->trainingView();
    const TrainerLaunch launch = syntheticLaunch("keep", 100000);
    view->setFormLaunch(launch);
    QVERIFY(view->startFromForm());
    const qint64 pid = view->process()->trainerPid();
    const KillOnExit killOnExit{pid};
    QTRY_VERIFY_WITH_TIMEOUT(view->follower()->metrics().steps.size() >= 2, 60000);
    QCOMPARE(static_cast<qint64>(::getsid(static_cast<pid_t>(pid))), pid);  // its own session

    QVERIFY(!window->close());
    QVERIFY(view->closePrompt());
    QTest::mouseClick(view->closePrompt()->findChild<QPushButton*>("keepTrainingButton"), Qt::LeftButton);
    QTRY_VERIFY(!window->isVisible());
    window.reset();
    QVERIFY(processIsAlive(pid));
    QCOMPARE(settings->backgroundRuns().size(), 1);
    QCOMPARE(settings->backgroundRuns().front().pid, pid);
    QCOMPARE(settings->backgroundRuns().front().runDir, QDir(launch.runDir).absolutePath());
    // It goes on training with nobody reading its stderr (EPIPE, not SIGPIPE) and its stdin at end.
    const long before = stepEventsIn(launch.runDir);
    QTRY_VERIFY_WITH_TIMEOUT(stepEventsIn(launch.runDir) >= before + 3, 60000);
    QVERIFY(processIsAlive(pid));

    // A new window: the Training view follows that run, its trainer adopted by pid.
    auto again = std::make_unique<MainWindow>(nullptr, settings);
    again->show();
    TrainingView* view2 = again->trainingView();
    QVERIFY(view2->process()->isAdopted());
    QCOMPARE(view2->process()->trainerPid(), pid);
    QCOMPARE(view2->follower()->runDir(), QDir(launch.runDir).absolutePath());
    QCOMPARE(toString(view2->process()->trainerState()), toString(TrainerState::Running));
    QTRY_COMPARE_WITH_TIMEOUT(view2->follower()->metrics().state, std::string("running"), 30000);
    QVERIFY(view2->runs()->rowOf(launch.runDir) >= 0);
    QVERIFY(!view2->findChild<QPushButton*>("pauseButton")->isEnabled());  // no stdin: no pause
    auto* stop = view2->findChild<QPushButton*>("stopButton");
    QVERIFY(stop->isEnabled());

    // Stop = SIGTERM to the recorded pid: graceful, with a checkpoint.
    QSignalSpy exited(view2->process(), &TrainerProcess::trainerExited);
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(exited.wait(30000));
    QCOMPARE(toString(view2->process()->trainerState()), toString(TrainerState::Stopped));
    QVERIFY(!processIsAlive(pid));
    QTRY_COMPARE_WITH_TIMEOUT(view2->follower()->metrics().state, std::string("stopped"), 5000);
    QVERIFY(!QDir(launch.runDir + "/checkpoints").entryList({"step-*.pt"}, QDir::Files).isEmpty());
    QVERIFY(settings->backgroundRuns().isEmpty());
    // The released QProcess reaped its child and deleted itself: no zombie left.
    QTRY_VERIFY_WITH_TIMEOUT(!childProcesses().contains(pid), 5000);
  }

  // A run written by two data-parallel ranks, opened while it trains: followed to "finished" with all
  // its step points, and the status line names the ranks, backend and global batch.
  void distributedRunShowsItsRanks() {
    const QString config = fastConfig();
    const QString run = scratch_.filePath("data-parallel");
    const int port = freePort();
    const QString cli = QProcessEnvironment::systemEnvironment().value("BINGE_CLI", TrainerProcess::locateCli());
    std::vector<std::unique_ptr<QProcess>> ranks;
    for (int rank = 0; rank < 2; ++rank) {
      auto p = std::make_unique<QProcess>();
      p->start(cli, {"--threads", "1", "train", "--rank", QString::number(rank), "--world-size", "2", "--master-addr",
                     "127.0.0.1", "--master-port", QString::number(port), "--synthetic", "--steps", "30", "--batch",
                     "4", "--titles-per-batch", "2", "--config", config, "--run", run});
      QVERIFY(p->waitForStarted(10000));
      ranks.push_back(std::move(p));
    }
    TrainingView view;
    view.show();
    // Opened while it runs: as soon as rank 0 has created the run directory.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(run + "/config.json"), 60000);
    QVERIFY(view.openRun(run));
    const RunMetrics& m = view.follower()->metrics();
    QTRY_COMPARE_WITH_TIMEOUT(m.state, std::string("finished"), 120000);
    QCOMPARE(int(m.steps.size()), 30);
    QCOMPARE(m.steps.front().step, std::int64_t(1));
    QCOMPARE(m.steps.back().step, std::int64_t(30));
    QCOMPARE(m.worldSize, 2);
    QCOMPARE(m.backend, std::string("gloo"));
    QCOMPARE(m.globalBatch, std::int64_t(8));
    view.refreshPlots();
    QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 30);
    auto* ranksLabel = view.findChild<QLabel*>("ranksLabel");
    QVERIFY(ranksLabel->isVisible());
    QCOMPARE(ranksLabel->text(), QString("2 ranks (gloo), global batch 8"));
    for (auto& p : ranks) {
      // waitForFinished() is false for a process whose end the event loop has already seen.
      if (p->state() != QProcess::NotRunning) QVERIFY(p->waitForFinished(60000));
      QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
  }
};

QTEST_MAIN(TestRunsView)
#include "test_runs_view.moc"
