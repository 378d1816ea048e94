// The Experiments tab driving a small sweep end to end, offscreen: the Training tab's
// settings become a `binge-cli sweep` (2 samplers × 1 seed, a few steps on a small demo world), the view
// follows its folder until both runs are finished, fills the results table (the random-init row too),
// and opens a run on double-click. Saves a screenshot.
#include "ExperimentsView.h"
#include "Screenshot.h"
#include "SweepDialog.h"
#include "SweepLauncher.h"
#include "TestMedia.h"

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
    QVERIFY(args.contains("--synthetic"));
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
  }
};

QTEST_MAIN(TestExperimentsView)
#include "test_experiments_view.moc"
