// The Training tab against a real trainer: binge-cli train --synthetic as a child process driven through
// start, pause, resume, stop, resume of the stopped run, kill and resume again; the follower and the
// plots receive its events; a crash reports the trainer's last lines; no child survives the view; a run
// folder whose last events line is cut off loads; a run of 100,000 events opens without stalling the
// GUI thread; the form validates as one types. Saves a screenshot.
#include "BingeApplication.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "RunFollower.h"
#include "RunMetrics.h"
#include "Screenshot.h"
#include "StallWatchdog.h"
#include "CliRunner.h"
#include "Artifacts.h"
#include "TrainerProcess.h"
#include "TrainerLaunches.h"
#include "TrainingForm.h"
#include "TrainingView.h"
#include "train/ConfigFields.h"
#include "ProbePlotLayers.h"
#include "ProbeSetField.h"
#include "train/RunDirectory.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QTemporaryDir>
#include <QtTest>

#include "QCustomPlotInclude.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <random>
#include <unistd.h>
#include <sys/types.h>

using namespace binge;
using namespace binge::ui;

namespace {

bool processAlive(qint64 pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH); }

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(bytes);
}

QByteArray stepLine(int step, double loss) {
  return QString(R"({"type":"step","step":%1,"steps":100,"loss":%2,"lr":0.001,"clips_per_s":50.0,)"
                 R"("data_wait_ms":1.5,"compute_ms":20.0,"elapsed_s":%3,"eta_s":30.0})")
             .arg(step)
             .arg(loss)
             .arg(step * 0.1)
             .toUtf8() +
         '\n';
}

}  // namespace

class TestTrainingView : public QObject {
  Q_OBJECT
  QTemporaryDir scratch_;

  TrainerLaunch syntheticLaunch(const QString& runName, qint64 steps) {
    return binge::test::syntheticLaunch(scratch_.filePath(runName), steps);
  }

 private Q_SLOTS:
  void initTestCase() {
    configureApplication(*qApp);
    QVERIFY(scratch_.isValid());
    QVERIFY2(!TrainerProcess::locateCli().isEmpty(), "binge-cli not found ($BINGE_CLI)");
  }

  // A new run goes to the trainer as one resolved config file: every setting exact (the learning rate
  // with all its digits, no text formatting on the way), nothing else on the command line.
  void launchArguments() {
    TrainerLaunch launch = syntheticLaunch("args", 50);
    launch.config.optimizer.lr = 5.123456789e-4;
    const QStringList args = launch.arguments("/tmp/config.json");
    QCOMPARE(args, (QStringList{"train", "--run", launch.runDir, "--preset", "tiny", "--config", "/tmp/config.json"}));
    QVERIFY(launch.settingArguments().contains("--synthetic"));
    const QStringList settings = launch.settingArguments();
    QCOMPARE(settings.at(settings.indexOf("--titles-per-batch") + 1), QString("2"));
    QCOMPARE(settings.at(settings.indexOf("--lr") + 1), QString("0.0005123456789"));
    launch.resume = true;
    launch.resumeSteps = 50;
    // On resume the run's config.json is the truth: nothing but the run and --resume goes along.
    QCOMPARE(launch.arguments("/tmp/config.json"),
             (QStringList{"train", "--run", launch.runDir, "--resume", "--steps", "50"}));
  }

  // The probe set and its interval go to the trainer; without a set, neither does the interval.
  void probeFieldReachesTheTrainer() {
    TrainerLaunch launch = syntheticLaunch("probe-args", 50);
    launch.config.probeDir = scratch_.filePath("probe").toStdString();
    launch.config.probeEvery = 25;
    QStringList args = launch.settingArguments();
    QCOMPARE(args.at(args.indexOf("--probe") + 1), scratch_.filePath("probe"));
    QCOMPARE(args.at(args.indexOf("--probe-every") + 1), QString("25"));
    TrainingView view;
    view.setFormLaunch(launch);
    view.findChild<QPushButton*>("probeSetNone")->click();
    QVERIFY(view.formLaunch().config.probeDir.empty());
    QCOMPARE(view.formLaunch().config.probeEvery, 0);
    args = view.formLaunch().settingArguments();
    QVERIFY(!args.contains("--probe") && !args.contains("--probe-every"));
  }

  // Every row of the core's field table has an editor in the form (a new row needs no GUI edit); a
  // value the core refuses shows the core's own message beside that field and under the form, and Start
  // stays off; a valid value reaches the launch exactly.
  void everySettingHasAnEditorWithTheCoresMessage() {
    TrainingView view;
    view.resize(1400, 1000);
    view.setFormLaunch(syntheticLaunch("all-settings", 10));
    auto* form = view.findChild<TrainingForm*>();
    QVERIFY(form);
    for (const auto& field : binge::trainConfigFields())
      QVERIFY2(form->editorFor(field.key), qPrintable("no editor for " + QString::fromStdString(field.key)));
    view.findChild<QToolButton*>("allSettingsToggle")->click();
    auto* beta2 = view.findChild<QLineEdit*>("adamBeta2");
    QVERIFY(beta2 && beta2->isVisibleTo(&view));
    beta2->clear();
    QTest::keyClicks(beta2, "1.5");
    const QString beside = form->fieldProblem("optimizer.adam_beta2");
    QVERIFY2(beside.contains("optimizer.adam_beta2 must be in [0, 1), got 1.5"), qPrintable(beside));
    QVERIFY(view.findChild<QLabel*>("formProblem")->text().contains("adam_beta2"));
    QVERIFY(!view.findChild<QPushButton*>("startButton")->isEnabled());
    for (QWidget* w = form; w; w = w->parentWidget())
      if (auto* scroll = qobject_cast<QScrollArea*>(w)) scroll->ensureWidgetVisible(beta2, 20, 120);
    QVERIFY(binge::test::saveScreenshot(view, "training-form-all-settings.png"));
    beta2->clear();
    QTest::keyClicks(beta2, "0.987654321");
    QVERIFY(form->fieldProblem("optimizer.adam_beta2").isEmpty());
    QCOMPARE(view.formLaunch().config.optimizer.adamBeta2, 0.987654321);
    QVERIFY(view.findChild<QPushButton*>("startButton")->isEnabled());
  }

  // A library with a "probe" folder beside it (the demo's layout) gets it as the default; a folder
  // the core cannot use is refused with the core's reason; None clears it; the choice is remembered.
  void probeFieldDefaultsValidatesAndRemembers() {
    const QString world = scratch_.filePath("probe-world");
    for (const char* cls : {"a", "b"}) {
      QDir().mkpath(world + "/probe/" + cls);
      writeFile(world + "/probe/" + cls + "/x.mp4", "not really a video");
    }
    writeFile(world + "/library.json", "{}");
    QDir().mkpath(scratch_.filePath("one-class/only"));
    AppSettings settings(scratch_.filePath("probe-settings.ini"));
    TrainingView view;
    view.setSettings(&settings);
    view.setFormLaunch(syntheticLaunch("probe-form", 10));
    auto* library = view.findChild<QLineEdit*>("libraryPath");
    auto* probe = view.findChild<QLineEdit*>("probeSet");
    QVERIFY(probe);
    library->setText(world + "/library.json");
    QCOMPARE(QDir::cleanPath(probe->text()), QDir::cleanPath(world + "/probe"));
    QCOMPARE(QString::fromStdString(view.formLaunch().config.probeDir), probe->text());
    QVERIFY(view.findChild<QSpinBox*>("probeEvery")->isEnabled());

    probe->setText(scratch_.filePath("one-class"));
    const QString shown = view.findChild<QLabel*>("formProblem")->text();
    QVERIFY2(shown.startsWith("Probe set:") && shown.contains("one-class") && shown.contains("two class"),
             qPrintable(shown));
    QVERIFY(!view.findChild<QPushButton*>("startButton")->isEnabled());

    QTest::mouseClick(view.findChild<QPushButton*>("probeSetNone"), Qt::LeftButton);
    QVERIFY(probe->text().isEmpty());
    QVERIFY(view.formLaunch().config.probeDir.empty());
    QVERIFY(!view.findChild<QSpinBox*>("probeEvery")->isEnabled());
    settings.setProbeSetFor(world + "/library.json", "none");
    QVERIFY(ProbeSetField::defaultFor(world + "/library.json", &settings).isEmpty());
    settings.setProbeSetFor(world + "/library.json", scratch_.filePath("elsewhere"));
    QCOMPARE(ProbeSetField::defaultFor(world + "/library.json", &settings), scratch_.filePath("elsewhere"));
  }

  // A run started from the form on a small demo world probes live: probe events land in the run,
  // the probe plot shows their points with intervals and the dashed random-init lines, and the
  // neighbours toggle shows the same-event and same-show shares.
  void guiRunProbesLiveAndPlotsTheBaseline() {
    const QString world = scratch_.filePath("live-world"), lib = world + "/library.json";
    auto r = binge::test::runCli({"demo", "--out", world, "--titles", "2", "--minutes", "0.2", "--probe-per-class", "3",
                                  "--probe-shows", "3", "--probe-seconds", "2"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = binge::test::runCli({"import", "--library", lib, world + "/titles"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    TrainingView view;
    TrainerLaunch launch = syntheticLaunch("live-probe", 4);
    launch.config.synthetic = false;
    launch.config.data.libraryPath = lib.toStdString();
    view.setFormLaunch(launch);
    QCOMPARE(QDir::cleanPath(QString::fromStdString(view.formLaunch().config.probeDir)), QDir::cleanPath(world + "/probe"));  // the demo's own
    view.findChild<QSpinBox*>("probeEvery")->setValue(2);
    QSignalSpy exited(view.process(), &TrainerProcess::trainerExited);
    QVERIFY(view.startFromForm());
    QVERIFY(exited.wait(280000));
    QCOMPARE(toString(view.process()->trainerState()), toString(TrainerState::Finished));
    // The config the trainer was given (and keeps as the run's config.json) names the probe set.
    const auto runConfig = binge::RunDirectory::open(launch.runDir.toStdString()).config();
    QCOMPARE(QDir::cleanPath(QString::fromStdString(runConfig.at("probe_dir").get<std::string>())),
             QDir::cleanPath(world + "/probe"));
    view.follower()->pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(view.follower()->metrics().probes.size(), std::size_t{2}, 10000);
    const ProbePoint& last = view.follower()->metrics().probes.back();
    QCOMPARE(last.step, std::int64_t{4});
    QVERIFY(std::isfinite(last.baseVideoLinear) && std::isfinite(last.baseAudioLinear));
    QVERIFY(last.videoLinearLow <= last.videoLinear && last.videoLinear <= last.videoLinearHigh);
    QVERIFY(std::isfinite(last.videoSameShow) && std::isfinite(last.sameShowChance));
    view.refreshPlots();
    QCustomPlot* plot = view.plots().last();
    QCOMPARE(plot->graph(1)->data()->size(), 2);  // video linear: one point per probe event
    QCPGraph* baseline = nullptr;
    for (int g = 0; g < plot->graphCount(); ++g)
      if (plot->graph(g)->name().startsWith("video random init")) baseline = plot->graph(g);
    QVERIFY(baseline && baseline->visible() && baseline->data()->size() == 2);
    QCOMPARE(baseline->data()->at(0)->value, 100 * last.baseVideoLinear);
    view.findChild<QCheckBox*>("probeNeighbours")->setChecked(true);
    QVERIFY(!plot->graph(1)->visible() && !baseline->visible());
    bool sameEvent = false;
    for (int g = 0; g < plot->graphCount(); ++g)
      if (plot->graph(g)->name() == "video: same event")
        sameEvent = plot->graph(g)->visible() && plot->graph(g)->data()->size() == 2;
    QVERIFY(sameEvent);
  }

  void formValidation_data() {
    QTest::addColumn<QString>("sampler");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("titles");
    QTest::addColumn<QString>("runDir");
    QTest::addColumn<QString>("lr");
    QTest::addColumn<QString>("expected");  // substring of the problem; "" = valid
    const QString fresh = scratch_.filePath("not-yet");
    QDir().mkpath(scratch_.filePath("occupied"));
    writeFile(scratch_.filePath("occupied/x"), "x");
    QTest::newRow("valid") << "hierarchical" << 8 << 2 << fresh << "1e-3" << "";
    QTest::newRow("not divisible") << "hierarchical" << 10 << 4 << fresh << "1e-3" << "not divisible";
    QTest::newRow("too many titles") << "hierarchical" << 8 << 16 << fresh << "1e-3" << "cannot exceed";
    QTest::newRow("uniform ignores titles") << "uniform" << 10 << 4 << fresh << "1e-3" << "";
    QTest::newRow("no run folder") << "uniform" << 8 << 2 << "" << "1e-3" << "run folder";
    QTest::newRow("occupied run folder") << "uniform" << 8 << 2 << scratch_.filePath("occupied") << "1e-3"
                                         << "not empty";
    QTest::newRow("zero lr") << "uniform" << 8 << 2 << fresh << "0" << "Learning rate";
  }

  void formValidation() {
    QFETCH(QString, sampler);
    QFETCH(int, batch);
    QFETCH(int, titles);
    QFETCH(QString, runDir);
    QFETCH(QString, lr);
    QFETCH(QString, expected);
    TrainingView view;
    TrainerLaunch launch = syntheticLaunch("unused", 10);
    launch.config.data.sampler.kind = sampler.toStdString();
    launch.config.data.sampler.batchSize = batch;
    launch.config.data.sampler.titlesPerBatch = titles;
    launch.runDir = runDir;
    view.setFormLaunch(launch);
    // Typed like a user would, so the as-you-type validation runs.
    auto* lrEdit = view.findChild<QLineEdit*>("lr");
    lrEdit->clear();
    QTest::keyClicks(lrEdit, lr);
    const QString shown = view.findChild<QLabel*>("formProblem")->text();
    auto* start = view.findChild<QPushButton*>("startButton");
    if (expected.isEmpty()) {
      QVERIFY2(shown.isEmpty(), qPrintable(shown));
      QVERIFY(start->isEnabled());
    } else {
      QVERIFY2(shown.contains(expected, Qt::CaseInsensitive), qPrintable(shown));
      QVERIFY(!start->isEnabled());
    }
  }

  void missingLibraryIsRefused() {
    TrainingView view;
    TrainerLaunch launch = syntheticLaunch("nolib", 10);
    launch.config.synthetic = false;
    launch.config.data.libraryPath = scratch_.filePath("missing.json").toStdString();
    view.setFormLaunch(launch);
    QVERIFY(view.findChild<QLabel*>("formProblem")->text().contains("does not exist"));
    // The same message beside the library field, laid out under it (not floating over the form).
    auto* form = view.findChild<TrainingForm*>();
    const QString message = form->fieldProblem("data.library");
    QVERIFY(message.contains("does not exist"));
    QLabel* beside = nullptr;
    for (QLabel* label : form->findChildren<QLabel*>())
      if (label->text() == message && label->objectName() != "formProblem") beside = label;
    QVERIFY(beside);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(beside->isVisible());
    QVERIFY(beside->geometry().top() > view.findChild<QLineEdit*>("libraryPath")->geometry().top());
    QVERIFY(!view.startFromForm());
    QCOMPARE(toString(view.process()->trainerState()), toString(TrainerState::Idle));
  }

  void metricsFoldEvents() {
    RunMetrics m;
    for (int s = 10; s <= 100; s += 10) m.add(nlohmann::json::parse(stepLine(s, 5.0 - s / 100.0).toStdString()));
    m.add({{"type", "batch"}, {"step", 50}, {"hardness", {{"positive", 0.8}, {"same_title_negative", 0.5},
                                                          {"cross_title_negative", 0.1}}}});
    m.add({{"type", "probe"}, {"step", 50}, {"video", {{"knn", 0.4}, {"linear", 0.5}}}, {"chance", 0.1}});
    QCOMPARE(int(m.steps.size()), 10);
    QCOMPARE(m.hardness.at(0).sameTitleNegative, 0.5);
    QCOMPARE(m.probes.at(0).videoLinear, 0.5);
    QVERIFY(std::isnan(m.probes.at(0).audioKnn));
    // A resume from the checkpoint at step 50 repeats steps 60…100: they must not be plotted twice.
    m.add({{"type", "status"}, {"state", "resumed"}, {"step", 50}});
    QCOMPARE(int(m.steps.size()), 5);
    QCOMPARE(m.steps.back().step, std::int64_t(50));
    QCOMPARE(m.state, std::string("resumed"));
    // Debiased EMA: a constant series stays constant, a step is followed smoothly.
    const auto flat = smoothed({2, 2, 2, 2}, 0.9);
    for (double v : flat) QVERIFY(std::abs(v - 2) < 1e-12);
    const auto ramp = smoothed({0, 0, 10, 10}, 0.5);
    QVERIFY(ramp[2] > 0 && ramp[2] < 10 && ramp[3] > ramp[2]);
  }

  void truncatedLastLineLoads() {
    const QString dir = scratch_.filePath("truncated");
    QDir().mkpath(dir);
    writeFile(dir + "/config.json", R"({"steps": 100})");
    QByteArray events = stepLine(10, 4.0) + stepLine(20, 3.5) + "{this is not json}\n" + stepLine(30, 3.0);
    const QByteArray last = stepLine(40, 2.5);
    events += last.left(last.size() / 2);  // the trainer was killed mid-write
    writeFile(dir + "/events.jsonl", events);

    TrainingView view;
    QVERIFY(view.openRun(dir));
    QTRY_VERIFY_WITH_TIMEOUT(!view.follower()->isLoading(), 10000);  // read on a worker thread
    const RunMetrics& m = view.follower()->metrics();
    QCOMPARE(int(m.steps.size()), 3);
    QCOMPARE(m.steps.back().step, std::int64_t(30));
    view.refreshPlots();
    QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 3);
    QVERIFY(view.findChild<QPushButton*>("resumeButton")->isEnabled());
    // The rest of the line arrives (a live run): the follower picks it up on its next poll.
    QFile file(dir + "/events.jsonl");
    QVERIFY(file.open(QIODevice::Append));
    file.write(last.mid(last.size() / 2));
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(int(view.follower()->metrics().steps.size()), 4, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(view.lossPlot()->graph(0)->dataCount(), 4, 5000);
    QVERIFY(view.findChild<QLabel*>("stepLabel")->text().contains("40"));
    const QString csv = scratch_.filePath("series.csv");
    QVERIFY(view.exportSeriesCsv(csv));
    QFile exported(csv);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = exported.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 5);  // header + steps 10, 20, 30, 40
    QVERIFY(rows.at(4).startsWith("40,2.5,"));

    QVERIFY(!view.openRun(scratch_.filePath("occupied")));  // no config.json, no events: refused
  }

  // Opening a run of 100,000 step events: the parse runs on a worker while the plots say "Loading
  // run…"; the GUI thread never works more than 50 ms at a stretch (StallWatchdog), and every point
  // arrives. Then the issue's other bar: plots of 100,000 points per series stay cheap to refresh (the
  // GUI thread does that).
  void openRunWith100kEventsOffTheGuiThread() {
    const QString dir = scratch_.filePath("big");
    QDir().mkpath(dir);
    writeFile(dir + "/config.json", R"({"steps": 1000000})");
    QByteArray events;
    for (int s = 1; s <= 100000; ++s) events += stepLine(s, 5.0 / (1 + s * 1e-4));
    writeFile(dir + "/events.jsonl", events);
    TrainingView view;
    view.resize(1400, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    binge::test::StallWatchdog watchdog;
    watchdog.start();
    QElapsedTimer clock;
    clock.start();
    QVERIFY(view.openRun(dir));
    const qint64 openMs = clock.elapsed();
    QVERIFY(view.follower()->isLoading());
    QVERIFY(view.loadingLabel()->isVisible());
    QCOMPARE(int(view.follower()->metrics().steps.size()), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!view.follower()->isLoading(), 60000);
    const qint64 loadMs = clock.elapsed();
    QTest::qWait(100);  // the refresh on arrival and the queued replots of all six plots count too
    watchdog.stop();
    std::printf("open 100k events: openRun() returned in %lld ms, events in after %lld ms; %s\n",
                static_cast<long long>(openMs), static_cast<long long>(loadMs), qPrintable(watchdog.report()));
    QVERIFY(!view.loadingLabel()->isVisible());
    const RunMetrics& m = view.follower()->metrics();
    QCOMPARE(int(m.steps.size()), 100000);
    QCOMPARE(m.steps.front().step, std::int64_t(1));
    QCOMPARE(m.steps.back().step, std::int64_t(100000));
    QCOMPARE(m.events, 100000L);
    QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 100000);  // drawn without waiting for the plot timer
    QVERIFY(view.findChild<QLabel*>("stepLabel")->text().contains("100000"));
    QVERIFY2(watchdog.withinBar(), qPrintable("opening a run of 100,000 events: " + watchdog.report()));

    // Still followed incrementally after the initial read.
    QFile file(dir + "/events.jsonl");
    QVERIFY(file.open(QIODevice::Append));
    file.write(stepLine(100001, 1.0));
    file.close();
    QTRY_COMPARE_WITH_TIMEOUT(int(view.follower()->metrics().steps.size()), 100001, 5000);

    clock.restart();
    const int rounds = 5;
    for (int i = 0; i < rounds; ++i) {
      view.refreshPlots();
      QCoreApplication::processEvents();  // the queued replots of all six plots, so their cost counts
    }
    const double refreshMs = clock.elapsed() / double(rounds);
    QCOMPARE(view.lossPlot()->graph(1)->dataCount(), 100001);
    std::printf("100k steps: plot refresh %.1f ms\n", refreshMs);
  }

  // Opening another run while one is still being read: only the last one's events arrive.
  void openingAnotherRunWhileLoading() {
    const QString first = scratch_.filePath("first"), second = scratch_.filePath("second");
    QDir().mkpath(first);
    QDir().mkpath(second);
    QByteArray many;
    for (int s = 1; s <= 20000; ++s) many += stepLine(s, 3.0);
    writeFile(first + "/events.jsonl", many);
    writeFile(second + "/events.jsonl", stepLine(7, 2.0) + stepLine(8, 1.5));
    TrainingView view;
    QVERIFY(view.openRun(first));
    QVERIFY(view.openRun(second));
    QTRY_VERIFY_WITH_TIMEOUT(!view.follower()->isLoading(), 30000);
    QTest::qWait(200);  // the first read's answer, if it came late, must have been dropped
    QCOMPARE(int(view.follower()->metrics().steps.size()), 2);
    QCOMPARE(view.follower()->metrics().steps.back().step, std::int64_t(8));
    QCOMPARE(view.follower()->runDir(), QDir(second).absolutePath());
  }

  void trainerCrashReportsLastLines() {
    TrainingView view;
    TrainerLaunch launch = syntheticLaunch("crash", 10);
    launch.config.synthetic = false;
    launch.config.data.libraryPath = scratch_.filePath("garbage.json").toStdString();
    writeFile(scratch_.filePath("garbage.json"), "this is not a library");
    view.setFormLaunch(launch);
    QSignalSpy exited(view.process(), &TrainerProcess::trainerExited);
    QVERIFY(view.startFromForm());
    QVERIFY(exited.wait(60000));
    QCOMPARE(toString(exited.at(0).at(0).value<TrainerState>()), toString(TrainerState::Crashed));
    const QString report = view.process()->exitReport();
    QVERIFY2(report.contains("exited with code") && report.contains("garbage.json"), qPrintable(report));
    QVERIFY(view.findChild<QPlainTextEdit*>("trainerLog")->toPlainText().contains("garbage.json"));
  }

  void controllerDrivesARealRun() {
    auto view = std::make_unique<TrainingView>();
    view->resize(1400, 860);
    view->show();
    TrainerProcess* process = view->process();
    const RunMetrics& m = view->follower()->metrics();
    const TrainerLaunch launch = syntheticLaunch("run", 100000);
    view->setFormLaunch(launch);
    QVERIFY2(view->findChild<QLabel*>("formProblem")->text().isEmpty(),
             qPrintable(view->findChild<QLabel*>("formProblem")->text()));

    // Start: step events arrive, the plots get them on their timer.
    QVERIFY(view->startFromForm());
    const qint64 pid = process->processId();
    QVERIFY(processAlive(pid));
    QTRY_VERIFY_WITH_TIMEOUT(m.steps.size() >= 2, 180000);
    QTRY_VERIFY_WITH_TIMEOUT(view->lossPlot()->graph(0)->dataCount() >= 2, 5000);

    // Pause: the trainer says so in its events, and no step follows while paused.
    QTest::mouseClick(view->findChild<QPushButton*>("pauseButton"), Qt::LeftButton);
    QCOMPARE(toString(process->trainerState()), toString(TrainerState::Paused));
    QTRY_COMPARE_WITH_TIMEOUT(m.state, std::string("paused"), 30000);
    const std::size_t stepsWhenPaused = m.steps.size();
    QTest::qWait(2000);
    QCOMPARE(m.steps.size(), stepsWhenPaused);
    QCOMPARE(view->findChild<QPushButton*>("pauseButton")->text(), QString("Resume"));

    // Resume: steps again.
    QTest::mouseClick(view->findChild<QPushButton*>("pauseButton"), Qt::LeftButton);
    QCOMPARE(toString(process->trainerState()), toString(TrainerState::Running));
    QTRY_VERIFY_WITH_TIMEOUT(m.steps.size() > stepsWhenPaused, 120000);

    // Stop: graceful, a checkpoint of the step reached, exit 0 — within the issue's 5 s bar.
    QSignalSpy exited(process, &TrainerProcess::trainerExited);
    QElapsedTimer stopClock;
    stopClock.start();
    QTest::mouseClick(view->findChild<QPushButton*>("stopButton"), Qt::LeftButton);
    QVERIFY(exited.wait(30000));
    const qint64 stopMs = stopClock.elapsed();
    std::printf("stop -> trainer exited: %lld ms\n", static_cast<long long>(stopMs));
    QCOMPARE(toString(process->trainerState()), toString(TrainerState::Stopped));
    QVERIFY2(process->exitReport().isEmpty(), qPrintable(process->exitReport()));
    QCOMPARE(m.state, std::string("stopped"));
    QVERIFY(m.lastCheckpointStep > 0);
    QVERIFY(!QDir(launch.runDir + "/checkpoints").entryList({"step-*.pt"}, QDir::Files).isEmpty());
    QVERIFY(!processAlive(pid));
    QVERIFY2(stopMs < 5000, qPrintable(QString("stop took %1 ms").arg(stopMs)));
    const std::int64_t stoppedAt = m.step;

    // Resume the stopped run with one click: it continues from its checkpoint.
    auto* resume = view->findChild<QPushButton*>("resumeButton");
    QVERIFY(resume->isEnabled());
    QTest::mouseClick(resume, Qt::LeftButton);
    QVERIFY(process->isActive());
    QTRY_VERIFY_WITH_TIMEOUT(m.steps.size() >= 1 && m.steps.back().step > stoppedAt, 180000);
    QVERIFY(process->arguments().contains("--resume"));

    // Kill, after the confirmation: the run stays resumable.
    exited.clear();
    const qint64 pid2 = process->processId();
    view->requestKill();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = view->findChild<QMessageBox*>("killConfirmation")) != nullptr);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(exited.wait(10000));
    QCOMPARE(toString(process->trainerState()), toString(TrainerState::Killed));
    QVERIFY(!processAlive(pid2));
    QVERIFY(resume->isEnabled());

    // Resume once more, then destroy the view while it trains: no child is left behind.
    const long eventsBefore = m.events;
    QVERIFY(view->resumeRun());
    const qint64 pid3 = process->processId();
    // "resumed" then "running": the new trainer is past its start-up and training.
    QTRY_VERIFY_WITH_TIMEOUT(m.events >= eventsBefore + 2 && m.state == "running", 180000);
    QVERIFY(processAlive(pid3));
    QElapsedTimer destroyClock;
    destroyClock.start();
    view.reset();
    std::printf("view destroyed with a live trainer: %lld ms\n", static_cast<long long>(destroyClock.elapsed()));
    QVERIFY(!processAlive(pid3));
  }

  // The GUI under churn: 100 trainers started from the form and stopped (the Stop button, after their
  // first step) or killed at a random moment (often before they are ready). Afterwards no trainer is
  // alive and none is our child, the GUI's memory is within 5 % of where it was after the first ten
  // cycles, and the GUI thread never stalled beyond the bar.
  void hundredStartStopKillCyclesLeaveNothingBehind() {
    TrainingView view;
    view.resize(1400, 860);
    view.show();
    TrainerProcess* process = view.process();
    const RunMetrics& m = view.follower()->metrics();
    auto rssKb = [] {
      QFile statm("/proc/self/statm");
      statm.open(QIODevice::ReadOnly);
      return statm.readAll().split(' ').value(1).toLongLong() * (::sysconf(_SC_PAGESIZE) / 1024);
    };
    std::mt19937 random(19);
    QList<qint64> pids;
    qint64 rssAfterWarmUp = 0;
    binge::test::StallWatchdog watchdog;
    double longestBusyMs = 0;
    QElapsedTimer clock;
    clock.start();
    for (int cycle = 0; cycle < 100; ++cycle) {
      view.setFormLaunch(syntheticLaunch(QString("churn-%1").arg(cycle), 100000));
      QSignalSpy exited(process, &TrainerProcess::trainerExited);
      watchdog.start();
      QVERIFY2(view.startFromForm(), qPrintable(QString("cycle %1").arg(cycle)));
      pids << process->processId();
      if (cycle % 5 == 0) {  // a user's Stop, once the run is training
        QTRY_VERIFY_WITH_TIMEOUT(!m.steps.empty(), 120000);
        QTest::mouseClick(view.findChild<QPushButton*>("stopButton"), Qt::LeftButton);
      } else {  // a kill at any moment, start-up included
        QTest::qWait(std::uniform_int_distribution<int>(0, 1000)(random));
        process->killTraining();
      }
      QVERIFY2(exited.wait(60000) || !exited.isEmpty(), qPrintable(QString("cycle %1 did not end").arg(cycle)));
      watchdog.stop();
      longestBusyMs = std::max(longestBusyMs, watchdog.longestBusyMs());
      QVERIFY2(!processAlive(pids.back()), qPrintable(QString("cycle %1: trainer %2 alive").arg(cycle).arg(pids.back())));
      if (cycle == 9) rssAfterWarmUp = rssKb();
    }
    const qint64 rssAtEnd = rssKb();
    std::printf("100 cycles in %.0f s; GUI RSS %lld kB after 10, %lld kB after 100 (%+.1f %%); longest GUI-thread "
                "busy gap %.1f ms\n",
                clock.elapsed() / 1000.0, static_cast<long long>(rssAfterWarmUp), static_cast<long long>(rssAtEnd),
                100.0 * (rssAtEnd - rssAfterWarmUp) / rssAfterWarmUp, longestBusyMs);
    for (qint64 pid : pids) QVERIFY(!processAlive(pid));
    QVERIFY2(QDir("/proc").entryList({"[0-9]*"}, QDir::Dirs).size() > 0, "no /proc");
    for (const QString& entry : QDir("/proc").entryList({"[0-9]*"}, QDir::Dirs)) {
      QFile stat("/proc/" + entry + "/stat");
      if (!stat.open(QIODevice::ReadOnly)) continue;
      const QByteArray text = stat.readAll();
      const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
      QVERIFY2(fields.value(1).toLongLong() != QCoreApplication::applicationPid(),
               qPrintable("a child is left: " + text.left(80)));
    }
    QVERIFY2(rssAtEnd <= rssAfterWarmUp * 1.05, qPrintable(QString("GUI memory grew from %1 to %2 kB").arg(rssAfterWarmUp).arg(rssAtEnd)));
    QVERIFY2(binge::test::StallWatchdog::busyWithinBar(longestBusyMs), qPrintable(QString::number(longestBusyMs)));
  }

  void screenshotOfAShortRun() {
    MainWindow window(nullptr, std::make_shared<AppSettings>(scratch_.filePath("settings.ini")));
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* view = window.findChild<TrainingView*>();
    QVERIFY2(view, "the Training tab holds a TrainingView");
    window.tabs()->setCurrentWidget(view);
    TrainerLaunch launch = syntheticLaunch("shot", 60);
    launch.config.batchEventEvery = 4;
    view->setFormLaunch(launch);
    QSignalSpy exited(view->process(), &TrainerProcess::trainerExited);
    QVERIFY(view->startFromForm());
    QVERIFY(exited.wait(280000));
    QCOMPARE(toString(view->process()->trainerState()), toString(TrainerState::Finished));
    const RunMetrics& m = view->follower()->metrics();
    QCOMPARE(m.state, std::string("finished"));
    QVERIFY(m.steps.size() >= 20);  // every 2nd of 60 steps
    QVERIFY(!m.hardness.empty());
    view->refreshPlots();
    QTest::qWait(200);
    QVERIFY(binge::test::saveScreenshot(window, "training_view.png"));
    QVERIFY(view->exportPlotsPng(QDir(binge::test::artifactDir()).filePath("training_plots.png")));
  }
};

QTEST_MAIN(TestTrainingView)
#include "test_training_view.moc"
