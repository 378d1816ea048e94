// The Experiments tab driving a small sweep end to end, offscreen: the Training tab's
// settings become a `binge-cli sweep` (2 samplers × 1 seed, a few steps on a small demo world), the view
// follows its folder (paused and continued on the way) until both runs are finished, fills the results
// table (the random-init row too), opens a run on double-click, overlays the runs on the Training plots
// by cell and exports the table and figures. Saves a screenshot.
#include "ExperimentsView.h"
#include "RunListModel.h"
#include "RunsPanel.h"
#include "Screenshot.h"
#include "SweepDialog.h"
#include "SweepLauncher.h"
#include "CliRunner.h"
#include "experiments/SweepLedger.h"

#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace binge::ui;
using binge::test::runCli;

class TestExperimentsView : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void sweepArgumentsComeFromTheForm() {
    SweepRequest request;
    request.form.config.data.libraryPath = "/lib.json";
    request.form.runDir = "/runs/r1";
    request.form.config.data.sampler.kind = "uniform";
    request.form.config.data.sampler.batchSize = 8;
    request.form.config.seed = 5;
    request.form.config.synthetic = true;
    request.key = "sampler";
    request.values = "uniform,hierarchical";
    request.seeds = "1,2";
    request.outDir = "/runs/sweep";
    const QStringList args = sweepArguments(request);
    QCOMPARE(args.mid(0, 7), (QStringList{"sweep", "--out", "/runs/sweep", "--grid", "sampler=uniform,hierarchical",
                                          "--seeds", "1,2"}));
    QVERIFY(!args.contains("--run") && !args.contains("--seed") && !args.contains("--sampler"));
    QVERIFY(args.contains("--synthetic") && !args.contains("--parallel"));
    request.parallel = 3;
    QCOMPARE(sweepArguments(request).mid(7, 2), (QStringList{"--parallel", "3"}));
    QCOMPARE(args[args.indexOf("--batch") + 1], QString("8"));
    QCOMPARE(args[args.indexOf("--library") + 1], QString("/lib.json"));

    // The dialog's defaults are the paper's question: the three samplers, seeds 1–3, a folder in the
    // runs folder — Sweep…, Start.
    SweepDialog dialog(request.form);
    const SweepRequest defaults = dialog.request();
    QCOMPARE(defaults.key, QString("sampler"));
    QCOMPARE(defaults.values, QString("uniform,title-balanced,hierarchical"));
    QCOMPARE(defaults.seeds, QString("1,2,3"));
    QVERIFY(defaults.outDir.startsWith("/runs/sweep-"));
    QCOMPARE(defaults.parallel, 1);
    dialog.findChild<QSpinBox*>("sweepParallel")->setValue(2);
    QCOMPARE(dialog.request().parallel, 2);
  }

  void viewFollowsASweepToItsEnd() {
    QTemporaryDir dir;
    const QString world = dir.filePath("world"), lib = world + "/library.json";
    auto r = runCli({"demo", "--out", world, "--titles", "4", "--minutes", "0.25", "--probe-per-class", "4",
                     "--probe-seconds", "3"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(runCli({"import", "--library", lib, world + "/titles"}).exitCode == 0);
    QVERIFY(runCli({"prepare", "--library", lib}, 300000).exitCode == 0);

    SweepRequest request;
    request.form.config.data.libraryPath = lib.toStdString();
    request.form.config.probeDir = (world + "/probe").toStdString();
    request.form.config.probeEvery = 2;
    request.form.config.steps = 4;
    request.form.config.data.sampler.batchSize = 8;
    request.form.config.data.sampler.titlesPerBatch = 2;
    request.key = "sampler";
    request.values = "uniform,hierarchical";
    request.seeds = "1";
    request.outDir = dir.filePath("sweep");
    QString error;
    QVERIFY2(startSweep(request, &error, qEnvironmentVariable("BINGE_CLI")), qPrintable(error));

    ExperimentsView view;
    view.resize(1100, 600);
    view.show();
    view.followSweep(request.outDir);
    // Whatever fails below, no paused sweep is left behind holding its trainer.
    const auto release = qScopeGuard([&] {
      try {
        const long pid = binge::SweepLedger::load(request.outDir.toStdString()).pid;
        if (pauseSweep(pid, false)) stopSweep(pid);
      } catch (const std::exception&) {
        // no ledger: no sweep to release
      }
    });

    // Pause holds the sweep where it stands; Continue lets it go on.
    auto* pause = view.findChild<QPushButton*>("pauseSweepButton");
    QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), 60000);
    pause->click();
    QVERIFY2(view.paused(), qPrintable(view.statusText()));
    QVERIFY2(view.statusText().contains("paused"), qPrintable(view.statusText()));
    QCOMPARE(pause->text(), QString("Continue"));
    QTest::qWait(1500);
    view.refresh();
    QVERIFY2(view.paused() && !view.statusText().startsWith("2 of 2"), qPrintable(view.statusText()));
    pause->click();
    QVERIFY(!view.paused());
    QCOMPARE(pause->text(), QString("Pause"));
    QTRY_VERIFY_WITH_TIMEOUT(view.statusText().startsWith("2 of 2 runs finished"), 240000);
    view.refresh();
    QTableWidget* results = view.resultsTable();
    QCOMPARE(results->rowCount(), 3);  // two cells and random init
    QStringList cells;
    for (int row = 0; row < 3; ++row) cells << results->item(row, 0)->text();
    QVERIFY2(cells.contains("sampler=uniform") && cells.contains("random init"), qPrintable(cells.join(", ")));
    for (int row = 0; row < 3; ++row) {
      QCOMPARE(results->item(row, 1)->text(), QString("1/1"));
      QVERIFY(results->item(row, 2)->text() != "—");  // video linear
    }
    QVERIFY(binge::test::saveScreenshot(view, "experiments-view.png"));

    QSignalSpy open(&view, &ExperimentsView::openRunRequested);
    QTableWidget* runs = view.runsTable();
    QCOMPARE(runs->rowCount(), 2);
    QCOMPARE(runs->item(0, 2)->text(), QString("finished"));
    Q_EMIT runs->cellDoubleClicked(1, 0);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), request.outDir + "/runs/sampler-hierarchical.seed-1");

    // Curves in Training: every run, with its grid cell; the runs panel ticks them in their cell's colour.
    QSignalSpy overlay(&view, &ExperimentsView::overlayRequested);
    view.findChild<QPushButton*>("sweepCurvesButton")->click();
    QCOMPARE(overlay.count(), 1);
    const auto overlaid = overlay.at(0).at(1).value<QList<QPair<QString, int>>>();
    QCOMPARE(overlaid.size(), 2);
    QCOMPARE(overlaid[0].second, 0);
    QCOMPARE(overlaid[1].second, 1);
    RunListModel model;
    RunsPanel panel(&model);
    QCOMPARE(panel.overlayRuns(overlay.at(0).at(0).toString(), overlaid), 2);
    QCOMPARE(model.overlayRows().size(), 2);
    QCOMPARE(model.colour(model.rowOf(overlaid[0].first)), RunListModel::paletteColour(0));
    QCOMPARE(model.colour(model.rowOf(overlaid[1].first)), RunListModel::paletteColour(1));

    // Export copies the table in its three formats and the figures.
    QTemporaryDir out;
    error.clear();
    const QStringList copied = view.exportResults(out.filePath("export"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString name : {"results.md", "results.csv", "results.json", "probe-video.svg", "probe-audio.svg"})
      QVERIFY2(copied.contains(out.filePath("export/") + name), qPrintable(copied.join(", ")));
    QFile md(out.filePath("export/results.md")), original(request.outDir + "/results.md");
    QVERIFY(md.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
    QCOMPARE(md.readAll(), original.readAll());
  }
};

QTEST_MAIN(TestExperimentsView)
#include "test_experiments_view.moc"
