// binge-cli as a user runs it: exit codes and output of the CLI contract (docs/architecture.md, CLI contract).
#include "CliRunner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using binge::test::runCli;

class TestCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void versionNamesEveryComponent() {
    const auto r = runCli({"--version"});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    for (const char* part : {"Binge ", "LibTorch ", "FFmpeg ", "CUDA "}) QVERIFY2(out.contains(part), qPrintable(out));
  }

  void helpExitsZero() {
    const auto r = runCli({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Usage"));
  }

  void usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown subcommand") << QStringList{"frobnicate"};
    QTest::newRow("unknown option") << QStringList{"--no-such-option"};
    QTest::newRow("bad thread count") << QStringList{"--threads", "-3", "--version"};
    QTest::newRow("no subcommand") << QStringList{};
  }
  void usageErrors() {
    QFETCH(QStringList, arguments);
    const auto r = runCli(arguments);
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.startsWith("binge-cli:"), qPrintable(err));
    QVERIFY2(err.split('\n').size() <= 2, qPrintable(err));  // one clear line plus a usage hint
    QVERIFY(r.out.isEmpty());
  }

  // `sample` registers the sampler's rows of the training config's table: each flag's help line is the
  // one `train --help` prints, and a value outside its row's range is refused naming the key.
  void sampleTakesTheSamplerRowsOfTheConfigTable() {
    const auto sample = runCli({"sample", "--help"});
    const auto train = runCli({"train", "--help"});
    QCOMPARE(sample.exitCode, 0);
    QCOMPARE(train.exitCode, 0);
    const auto lineOf = [](const QByteArray& help, const QString& flag) {
      for (const QString& line : QString::fromUtf8(help).split('\n'))
        if (line.trimmed().startsWith(flag + " ")) return line.trimmed();
      return QString();
    };
    for (const char* flag : {"--sampler", "--batch", "--titles-per-batch", "--min-gap-seconds",
                             "--title-weight-alpha", "--stride-seconds", "--seed"}) {
      const QString line = lineOf(sample.out, flag);
      QVERIFY2(!line.isEmpty(), flag);
      QCOMPARE(line.section(' ', 0, 1), lineOf(train.out, flag).section(' ', 0, 1));
    }
    QVERIFY(lineOf(sample.out, "--titles-per-batch").contains("[data.titles_per_batch, >= 1]"));

    const auto negative = runCli({"sample", "--library", "none.json", "--sampler", "uniform", "--min-gap-seconds", "-1"});
    QCOMPARE(negative.exitCode, 2);
    QVERIFY2(negative.err.contains("data.min_gap_seconds must be >= 0"), negative.err.constData());
    const auto text = runCli({"sample", "--library", "none.json", "--sampler", "uniform", "--batch", "many"});
    QCOMPARE(text.exitCode, 2);
    QVERIFY2(text.err.contains("--batch many: not an integer"), text.err.constData());
  }

  // One place maps the kind of an error to the exit status (docs/architecture.md, CLI contract): what
  // the user gave is wrong — exit 2, one plain line naming the file; the machine failed — exit 1 and
  // "error:". Each case is a real failure of its kind.
  void exitStatusFollowsTheErrorKind() {
    QTemporaryDir dir;
    const QString broken = dir.filePath("broken.json");
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"titles\": [");
    file.close();
    const auto input = runCli({"info", "--library", broken});
    QCOMPARE(input.exitCode, 2);
    QVERIFY2(input.err.startsWith("binge-cli: cannot read library: " + broken.toUtf8()), input.err.constData());

    const auto usage = runCli({"sample", "--library", dir.filePath("none.json"), "--sampler", "uniform"});
    QCOMPARE(usage.exitCode, 2);
    QVERIFY2(usage.err.startsWith("binge-cli: library not found: "), usage.err.constData());

    // A folder that cannot exist: the system refuses to create it.
    const auto io = runCli({"import", "--library", "/proc/binge-no-such/library.json", dir.path()});
    QCOMPARE(io.exitCode, 1);
    QVERIFY2(io.err.startsWith("binge-cli: error: ") && io.err.contains("/proc/binge-no-such"), io.err.constData());
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
