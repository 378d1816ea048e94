// Core runtime: versions, thread configuration, compute device, atomic writes.
#include "runtime/AtomicFile.h"
#include "runtime/ComputeDevice.h"
#include "runtime/Versions.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <thread>

using namespace binge;

class TestRuntime : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void versionsAreReported() {
    QVERIFY(!bingeVersion().empty());
    QVERIFY2(libtorchVersion().rfind("1.", 0) == 0 || libtorchVersion().rfind("2.", 0) == 0,
             libtorchVersion().c_str());
    QVERIFY(ffmpegVersion().find("libavcodec") != std::string::npos);
  }

  void threadsFollowTheHardwareByDefault() {
    const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    QCOMPARE(configureTorchThreads(0), hardware);
    QCOMPARE(configureTorchThreads(1), 1);
    QCOMPARE(torchThreads(), 1);
    configureTorchThreads(0);
  }

  void computeDeviceHasAName() {
    const ComputeDevice device = detectComputeDevice();
    QVERIFY(!device.name.empty());
    if (!device.cuda) QVERIFY(device.name.rfind("CPU", 0) == 0);
  }

  void atomicWriteReplacesWholeFile() {
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath("library.json").toStdString();
    writeFileAtomically(path, "first");
    writeFileAtomically(path, "second version");
    QCOMPARE(QString::fromStdString(readWholeFile(path)), QString("second version"));
    // No temporary files are left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path().toStdString())) ++entries;
    QCOMPARE(entries, 1);
  }

  void atomicWriteIntoMissingFolderNamesThePath() {
    try {
      writeFileAtomically("/nonexistent-folder/x.json", "data");
      QFAIL("expected an exception");
    } catch (const std::runtime_error& e) {
      QVERIFY(QString(e.what()).contains("/nonexistent-folder/x.json"));
    }
  }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "test_runtime.moc"
