// Sweeps: grid expansion and validation, seed statistics, and `binge-cli sweep` as a user
// runs it — a 2 × 2 grid on a small demo world, killed with -9 after its first run and restarted, and
// the report of a half-finished sweep.
#include "CliRunner.h"

#include "experiments/SeedStatistics.h"
#include "experiments/SweepLedger.h"
#include "experiments/SweepPlan.h"
#include "experiments/SweepReport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>

using namespace binge;
using binge::test::runCli;

namespace {

std::filesystem::file_time_type newestCheckpointTime(const QString& runDir) {
  std::filesystem::file_time_type newest{};
  for (const auto& entry : std::filesystem::directory_iterator((runDir + "/checkpoints").toStdString()))
    newest = std::max(newest, entry.last_write_time());
  return newest;
}

}  // namespace

class TestExperiments : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir world_;
  QString library_, probe_;

  // Every run of the sweeps below: a few steps, small batches, live probes at steps 2 and 4.
  QStringList sweepArgs(const QString& out) const {
    return {"sweep", "--library", library_, "--probe", probe_, "--out", out, "--grid", "sampler=uniform,hierarchical",
            "--seeds", "1,2", "--steps", "4", "--batch", "8", "--titles-per-batch", "2", "--probe-every", "2",
            "--checkpoint-every", "2"};
  }

 private Q_SLOTS:
  void initTestCase() {
    library_ = world_.filePath("world/library.json");
    probe_ = world_.filePath("world/probe");
    auto r = runCli({"demo", "--out", world_.filePath("world"), "--titles", "4", "--minutes", "0.25",
                     "--probe-per-class", "4", "--probe-seconds", "3"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"import", "--library", library_, world_.filePath("world/titles")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"prepare", "--library", library_}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
  }

  void gridExpandsFirstAxisSlowest() {
    SweepPlan plan;
    plan.grid = {parseGridAxis("sampler=uniform,hierarchical"), parseGridAxis("--lr=1e-3,3e-3")};
    plan.seeds = parseSeeds("1-3");
    const auto cells = plan.cells();
    QCOMPARE(cells.size(), std::size_t{4});
    QCOMPARE(QString::fromStdString(cells[1].label()), QString("sampler=uniform lr=3e-3"));
    const auto runs = plan.runs();
    QCOMPARE(runs.size(), std::size_t{12});
    QCOMPARE(QString::fromStdString(runs[0].name), QString("sampler-uniform.lr-1e-3.seed-1"));
    QCOMPARE(runs[1].cellIndex, std::size_t{1});  // every cell's first seed before any second seed
    QCOMPARE(runs[4].seed, std::uint64_t{2});
    QCOMPARE(runs[11].seed, std::uint64_t{3});
    // A value that is a path stays a single directory name.
    SweepPlan paths;
    paths.grid = {parseGridAxis("config=/tmp/a b.json")};
    paths.seeds = {1};
    QCOMPARE(QString::fromStdString(paths.runs()[0].name), QString("config-_tmp_a_b.json.seed-1"));
    QCOMPARE(sweepPlanFromJson(toJson(plan)).runs().size(), std::size_t{12});
  }

  void badGridsAreRefused_data() {
    QTest::addColumn<QString>("grid");
    QTest::newRow("no =") << "sampler";
    QTest::newRow("empty key") << "=a,b";
    QTest::newRow("no values") << "sampler=";
    QTest::newRow("empty value") << "sampler=uniform,,hierarchical";
    QTest::newRow("repeated value") << "sampler=uniform,uniform";
  }
  void badGridsAreRefused() {
    QFETCH(QString, grid);
    QVERIFY_THROWS_EXCEPTION(SweepError, parseGridAxis(grid.toStdString()));
  }

  void badSeedsAndKeysAreRefused() {
    QVERIFY_THROWS_EXCEPTION(SweepError, parseSeeds(""));
    QVERIFY_THROWS_EXCEPTION(SweepError, parseSeeds("1,x"));
    QVERIFY_THROWS_EXCEPTION(SweepError, parseSeeds("1,1"));
    QVERIFY_THROWS_EXCEPTION(SweepError, parseSeeds("3-1"));
    QCOMPARE(parseSeeds("5,1-2").size(), std::size_t{3});
    QVERIFY_THROWS_EXCEPTION(SweepError, validateGrid({parseGridAxis("seed=1,2")}));
    QVERIFY_THROWS_EXCEPTION(SweepError, validateGrid({parseGridAxis("run=a,b")}));
    QVERIFY_THROWS_EXCEPTION(SweepError, validateGrid({parseGridAxis("lr=1,2"), parseGridAxis("lr=3")}));
  }

  void seedStatisticsUseStudentT() {
    const auto s = seedStatistics({0.5, 0.7, 0.6});
    QCOMPARE(s.n, 3);
    QVERIFY(std::abs(s.mean - 0.6) < 1e-12);
    QVERIFY(std::abs(s.std - 0.1) < 1e-12);
    // t(0.975, 2) = 4.303: half-width 4.303 · 0.1 / √3.
    QVERIFY(std::abs((s.high - s.mean) - 4.303 * 0.1 / std::sqrt(3.0)) < 1e-9);
    const auto one = seedStatistics({0.4});
    QCOMPARE(one.std, 0.0);
    QCOMPARE(one.low, 0.4);
    QVERIFY(studentT975(1000) < 1.97 && studentT975(1000) > 1.96);
  }

  void cliRefusesBadGridsWithOneLine_data() {
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown key") << QStringList{"--grid", "no-such-option=1,2"} << "no option --no-such-option";
    QTest::newRow("empty values") << QStringList{"--grid", "sampler="} << "no values";
    QTest::newRow("seed in grid") << QStringList{"--grid", "seed=1,2"} << "--seeds";
    QTest::newRow("bad value") << QStringList{"--grid", "batch=8,abc"} << "batch=abc";
    QTest::newRow("invalid config") << QStringList{"--grid", "sampler=nonsense"} << "sampler=nonsense";
    QTest::newRow("fixed and varied") << QStringList{"--grid", "sampler=uniform", "--sampler", "uniform"} << "both";
  }
  void cliRefusesBadGridsWithOneLine() {
    QFETCH(QStringList, extra);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const auto r = runCli(QStringList{"sweep", "--library", library_, "--out", dir.filePath("s"), "--steps", "2"} + extra);
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.contains(says), qPrintable(err));
    QVERIFY2(err.split('\n').last().startsWith("binge-cli:"), qPrintable(err));
    QVERIFY(!QFileInfo::exists(dir.filePath("s/runs")));  // nothing started
  }

  // The sweep's bar: 2 samplers × seeds 1,2 writes two rows of n = 2 with mean ± std; killed with -9
  // after its first run and restarted, it finishes without training the first run again.
  void sweepSurvivesKillAndReports() {
    QTemporaryDir dir;
    const QString out = dir.filePath("sweep");
    QProcess sweep;
    sweep.setProcessChannelMode(QProcess::SeparateChannels);
    sweep.start(QProcessEnvironment::systemEnvironment().value("BINGE_CLI"), sweepArgs(out));
    QVERIFY(sweep.waitForStarted());
    // Wait until the first run is finished and the second has started, then kill the sweep outright.
    QByteArray err;
    QElapsedTimer clock;
    clock.start();
    while (!err.contains("[2/4]") && clock.elapsed() < 240000) {
      sweep.waitForReadyRead(200);
      err += sweep.readAllStandardError();
    }
    QVERIFY2(err.contains("[2/4]"), err.constData());
    ::kill(static_cast<pid_t>(sweep.processId()), SIGKILL);
    QVERIFY(sweep.waitForFinished(10000));

    const QString first = out + "/runs/sampler-uniform.seed-1";
    QCOMPARE(inspectRun(first.toStdString()).finished(), true);
    const auto firstCheckpoint = newestCheckpointTime(first);

    // The report works on the half-finished sweep: one finished run in the first row, none in the second.
    auto r = runCli({"sweep", "--report", out, "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto report = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(report["rows"][0]["metrics"]["video_linear"]["n"].get<int>(), 1);
    QVERIFY(!report["rows"][1]["metrics"].contains("video_linear"));

    // The same command again: the first run is kept, the others (the interrupted one too) finish.
    r = runCli(sweepArgs(out), 600000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("1 finished before"), r.err.constData());
    QVERIFY(!r.err.contains("sampler-uniform.seed-1: started"));
    QCOMPARE(newestCheckpointTime(first), firstCheckpoint);

    // results.csv: two rows of n = 2 with means and standard deviations, then random init.
    QFile csv(out + "/results.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    const QStringList header = lines[0].split(',');
    const int n = header.indexOf("n"), mean = header.indexOf("video_linear_mean"), sd = header.indexOf("video_linear_std");
    QVERIFY(n > 0 && mean > 0 && sd > 0);
    for (int row : {1, 2}) {
      const QStringList fields = lines[row].split(',');
      QCOMPARE(fields[n], QString("2"));
      QVERIFY(!fields[mean].isEmpty() && !fields[sd].isEmpty());
    }
    QVERIFY(lines[1].startsWith("sampler=uniform,uniform,"));
    QVERIFY(lines[3].startsWith("random init"));
    // One random-init baseline per seed, shared by both samplers' runs.
    QCOMPARE(QDir(out + "/baselines").entryList(QDir::Files).size(), 2);
    for (const char* file : {"results.md", "results.json", "probe-video.svg", "probe-audio.svg", "sweep.json"})
      QVERIFY2(QFileInfo::exists(out + "/" + file), file);
    const auto ledger = SweepLedger::load(out.toStdString());
    for (const auto& [name, record] : ledger.runs) QCOMPARE(QString::fromStdString(record.state), QString("finished"));

    // Another grid into the same folder is refused instead of mixing two sweeps.
    QStringList other = sweepArgs(out);
    other[other.indexOf("sampler=uniform,hierarchical")] = "sampler=uniform";
    r = runCli(other);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("holds another sweep"));
  }
};

QTEST_GUILESS_MAIN(TestExperiments)
#include "test_experiments.moc"
