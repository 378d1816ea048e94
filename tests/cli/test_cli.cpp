// binge-cli as a user runs it: exit codes and output of the CLI contract (docs/architecture.md, CLI contract).
#include "CliRunner.h"

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
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
