// The main window as a user first sees it: the five areas, menus with shortcuts, the device in the
// status bar, empty states that say what to do. Saves a screenshot for eyes.
#include "AboutDialog.h"
#include "BingeApplication.h"
#include "BatchView.h"
#include "ClipViewer.h"
#include "LibraryView.h"
#include "MainWindow.h"
#include "SamplingView.h"
#include "TrainingView.h"
#include "Artifacts.h"

#include <QAction>
#include <QLabel>
#include <QTabWidget>
#include <QtTest>

using binge::ui::MainWindow;

class TestGuiShell : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { binge::ui::configureApplication(*qApp); }

  void hasTheSixAreas() {
    MainWindow window;
    QStringList names;
    for (int i = 0; i < window.tabs()->count(); ++i) names << window.tabs()->tabText(i).remove('&');
    QCOMPARE(names, (QStringList{"Library", "Batches", "Sampling", "Training", "Retrieval", "Experiments"}));
  }

  void menusHaveShortcuts() {
    MainWindow window;
    auto* open = window.findChild<QAction*>("actionOpenLibrary");
    auto* import = window.findChild<QAction*>("actionImportFolder");
    auto* quit = window.findChild<QAction*>("actionQuit");
    QVERIFY(open && import && quit && window.findChild<QAction*>("actionAbout"));
    QCOMPARE(open->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(!import->shortcut().isEmpty());
  }

  void statusBarNamesTheDevice() {
    MainWindow window;
    auto* label = window.findChild<QLabel*>("deviceLabel");
    QVERIFY(label);
    QVERIFY2(label->text().contains("CPU") || label->text().contains("CUDA"), qPrintable(label->text()));
  }

  void aboutListsVersions() {
    const QString text = binge::ui::aboutText();
    for (const char* part : {"Binge", "Qt", "LibTorch", "FFmpeg"}) QVERIFY(text.contains(part));
    QVERIFY(text.contains(qVersion()));
  }

  // Choosing the paper preset in the Training form: the Library tab's clip viewer, the Batches tab and
  // the Sampling tab show its 2 s clips at 16 fps, not the tiny preset's 1 s at 8 fps; back to tiny,
  // they follow again.
  void thePresetsClipReachesEveryTab() {
    MainWindow window;
    const auto spec = [&window] {
      return std::vector<binge::ClipSpec>{window.libraryView()->clipViewer()->clipSpec(), window.batchView()->clipSpec(),
                                          window.samplingView()->clipSpec()};
    };
    binge::ui::TrainerLaunch launch;
    launch.config = binge::loadPreset("paper");
    window.trainingView()->setFormLaunch(launch);
    for (const binge::ClipSpec& clip : spec()) {
      QCOMPARE(clip.fps, 16.0);
      QCOMPARE(clip.shortSide, 128);
      QCOMPARE(clip.audioSeconds, 2.0);
      QCOMPARE(clip.videoSeconds(), 0.5);
    }
    launch.config = binge::loadPreset("tiny");
    window.trainingView()->setFormLaunch(launch);
    for (const binge::ClipSpec& clip : spec()) {
      QCOMPARE(clip.fps, 8.0);
      QCOMPARE(clip.videoSeconds(), 1.0);
    }
  }

  void screenshot() {
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString path = binge::test::artifactDir() + "/main-window.png";
    QVERIFY(window.grab().save(path));
  }
};

QTEST_MAIN(TestGuiShell)
#include "test_gui_shell.moc"
