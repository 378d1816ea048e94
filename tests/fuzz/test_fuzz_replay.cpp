// Replays the fuzz corpora with the normal compiler (docs/reliability.md, Fuzzing): every seed the
// generator writes and every input a fuzzer once crashed on (crashes/<target>/, committed with its fix)
// goes through its target, which must return without crashing, hanging or throwing.
#include "FuzzTarget.h"
#include "CliRunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class FuzzReplayTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir seeds_;

  // The inputs of one target: its generated seeds, then its crash corpus.
  QStringList inputsOf(const QString& target) const {
    QStringList files;
    for (const QString& root : {seeds_.filePath(target), QString(BINGE_FUZZ_CRASHES) + "/" + target}) {
      QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
      while (it.hasNext()) files << it.next();
    }
    files.sort();
    return files;
  }

 private slots:
  void initTestCase() {
    QVERIFY(seeds_.isValid());
    const auto generated = binge::test::runProgram(BINGE_FUZZ_SEEDS_TOOL, {seeds_.path(), BINGE_PRESETS});
    QVERIFY2(generated.exitCode == 0, generated.err.constData());
  }

  void everyTargetHasSeeds() {
    QCOMPARE(int(binge::fuzz::targets().size()), 8);
    for (const auto& [name, run] : binge::fuzz::targets())
      QVERIFY2(!QDir(seeds_.filePath(QString::fromStdString(name))).isEmpty(), name.c_str());
  }

  void replaysEveryInput_data() {
    QTest::addColumn<QString>("target");
    for (const auto& [name, run] : binge::fuzz::targets()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }

  void replaysEveryInput() {
    QFETCH(QString, target);
    const auto& run = binge::fuzz::targets().at(target.toStdString());
    const QStringList inputs = inputsOf(target);
    QVERIFY(!inputs.isEmpty());
    for (const QString& path : inputs) {
      QFile file(path);
      QVERIFY(file.open(QIODevice::ReadOnly));
      const QByteArray bytes = file.readAll();
      try {
        QCOMPARE(run(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size())), 0);
      } catch (const std::exception& e) {
        QFAIL(qPrintable(path + ": escaped its target: " + e.what()));
      }
    }
    qInfo("%s: %lld inputs", qPrintable(target), static_cast<long long>(inputs.size()));
  }
};

QTEST_GUILESS_MAIN(FuzzReplayTest)
#include "test_fuzz_replay.moc"
