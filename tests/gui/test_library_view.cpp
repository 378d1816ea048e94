// The Library tab: the title table model (rows, sorting, filter), the series tree, the import flow on
// media generated here with one broken file, the 10,000-title library, the clip viewer, the demo
// library from the empty state, and how long the GUI thread stalls meanwhile (StallWatchdog); library
// jobs run at the GUI's priority, clip loaders lowered.
#include "AppSettings.h"
#include "BackgroundPriority.h"
#include "ClipAudioPlayer.h"
#include "ClipViewer.h"
#include "ImportReportDialog.h"
#include "JobProgressPanel.h"
#include "LibraryController.h"
#include "LibraryView.h"
#include "MainWindow.h"
#include "SeriesTreeModel.h"
#include "SpectrogramPlot.h"
#include "StallWatchdog.h"
#include "CliRunner.h"
#include "Artifacts.h"
#include "TimelineStrip.h"
#include "TitleTableModel.h"
#include "TrainerProcess.h"
#include "TrainingView.h"
#include "BingeApplication.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtConcurrent>
#include <QtTest>

#include <algorithm>
#include <cstdio>

using namespace binge;
using namespace binge::ui;
using binge::test::StallWatchdog;

namespace {

Title makeTitle(const std::string& name, const std::string& series, double duration, TitleStatus status = TitleStatus::Ok) {
  Title t;
  t.id = name;
  t.path = "/media/" + name + ".mp4";
  t.name = name;
  t.series = series;
  t.kind = series.empty() ? TitleKind::Movie : TitleKind::Episode;
  t.duration = duration;
  t.video = VideoStreamInfo{"h264", 640, 360, 25.0};
  if (status != TitleStatus::Warning) t.audio = AudioStreamInfo{"aac", 48000, 2, "fltp"};
  t.status = status;
  if (status == TitleStatus::Warning) t.message = "no audio stream";
  return t;
}

std::shared_ptr<const Library> smallLibrary() {
  auto library = std::make_shared<Library>();
  library->titles = {makeTitle("Harbour S01E02", "Harbour", 1500), makeTitle("Harbour S01E01", "Harbour", 1400),
                     makeTitle("Zeppelin", "", 5400), makeTitle("Attic S01E01", "Attic", 900, TitleStatus::Warning),
                     makeTitle("Blue Night", "", 6000)};
  return library;
}

// Media made with the ffmpeg CLI: mpeg4 + AAC, small and quick to encode.
void makeMedia(const QString& path, double seconds, int toneHz) {
  const auto r = binge::test::runProgram(
      "ffmpeg", {"-y", "-v", "error", "-f", "lavfi", "-i", QString("testsrc=size=160x120:rate=15:duration=%1").arg(seconds),
                 "-f", "lavfi", "-i", QString("sine=frequency=%1:duration=%2:sample_rate=44100").arg(toneHz).arg(seconds),
                 "-c:v", "mpeg4", "-g", "15", "-c:a", "aac", "-shortest", path});
  QVERIFY2(r.exitCode == 0, r.err.constData());
}

// Nice values of this process's threads named `name` (/proc/self/task/*/comm; nice is field 19 of stat).
QList<int> threadNices(const QString& name) {
  QList<int> out;
  for (const QString& tid : QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    QFile comm("/proc/self/task/" + tid + "/comm");
    if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name.toUtf8()) continue;
    QFile stat("/proc/self/task/" + tid + "/stat");
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QByteArray text = stat.readAll();
    // Fields after "(comm) " start at field 3 (state).
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    out << fields.value(19 - 3).toInt();
  }
  return out;
}

template <typename Signal, typename Object>
bool waitFor(Object* object, Signal signal, int ms = 120000) {
  QSignalSpy spy(object, signal);
  return spy.wait(ms);
}

}  // namespace

class TestLibraryView : public QObject {
  Q_OBJECT
  QTemporaryDir scratch_;
  std::shared_ptr<AppSettings> settings_;
  QString mediaDir_;
  double importStallMs_ = -1, scrubStallMs_ = -1, bigOpenStallMs_ = -1, filterMs_ = -1, scrollMs_ = -1, demoStallMs_ = -1;

 private Q_SLOTS:
  void initTestCase() {
    configureApplication(*qApp);
    settings_ = std::make_shared<AppSettings>(scratch_.filePath("settings.ini"));
    mediaDir_ = scratch_.filePath("shows");
    QVERIFY(QDir().mkpath(mediaDir_ + "/Harbour"));
    makeMedia(mediaDir_ + "/Harbour/Harbour S01E01.mp4", 6, 440);
    makeMedia(mediaDir_ + "/Harbour/Harbour S01E02.mp4", 5, 660);
    makeMedia(mediaDir_ + "/Blue Night.mp4", 4, 880);
    QFile broken(mediaDir_ + "/broken.mp4");
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(QByteArray(4096, 'x'));  // not a media file at all
  }

  void cleanupTestCase() {
    std::printf("GUI stalls: import %.1f ms, scrub %.1f ms, open 10k %.1f ms, filter 10k %.1f ms, demo %.1f ms\n",
                importStallMs_, scrubStallMs_, bigOpenStallMs_, filterMs_, demoStallMs_);
  }

  void tableModelRowsAndColumns() {
    TitleTableModel model;
    QCOMPARE(model.rowCount(), 0);
    model.setLibrary(smallLibrary());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(TitleTableModel::ColumnCount));
    QCOMPARE(model.index(2, TitleTableModel::Duration).data().toString(), QString("1:30:00"));
    QCOMPARE(model.index(0, TitleTableModel::Resolution).data().toString(), QString("640×360"));
    QCOMPARE(model.index(3, TitleTableModel::Audio).data().toString(), QString("none"));
    QCOMPARE(model.index(3, TitleTableModel::Status).data().toString(), QString("warning: no audio stream"));
    QCOMPARE(model.headerData(TitleTableModel::Fps, Qt::Horizontal, Qt::DisplayRole).toString(), QString("FPS"));
  }

  void sortingAndFilter() {
    LibraryView view;
    view.setLibrary(smallLibrary(), QString());
    QSortFilterProxyModel* proxy = view.proxyModel();
    view.table()->sortByColumn(TitleTableModel::Duration, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, TitleTableModel::Name).data().toString(), QString("Blue Night"));
    QCOMPARE(proxy->index(4, TitleTableModel::Name).data().toString(), QString("Attic S01E01"));
    view.table()->sortByColumn(TitleTableModel::Name, Qt::AscendingOrder);
    QCOMPARE(proxy->index(0, TitleTableModel::Name).data().toString(), QString("Attic S01E01"));
    view.setFilterText("HARBOUR");
    QCOMPARE(proxy->rowCount(), 2);
    QCOMPARE(view.findChild<QLineEdit*>("libraryFilter")->text(), QString("HARBOUR"));
    view.setFilterText("warning");  // status text is searchable too
    QCOMPARE(proxy->rowCount(), 1);
    view.setFilterText("");
    QCOMPARE(proxy->rowCount(), 5);
  }

  void seriesTree() {
    SeriesTreeModel tree;
    const auto library = smallLibrary();
    tree.setLibrary(library.get());
    QCOMPARE(tree.rowCount(), 3);  // Attic, Harbour, Movies
    QCOMPARE(tree.index(0, 0).data().toString(), QString("Attic (1)"));
    QCOMPARE(tree.index(0, 0).data(SeriesTreeModel::SeriesRole).toString(), QString("Attic"));
    QVERIFY(!tree.index(0, 0).data(SeriesTreeModel::TitleIndexRole).isValid());
    const QModelIndex harbour = tree.index(1, 0);
    QCOMPARE(tree.rowCount(harbour), 2);
    QCOMPARE(tree.index(0, 0, harbour).data().toString(), QString("Harbour S01E01"));
    QCOMPARE(tree.index(0, 0, harbour).data(SeriesTreeModel::TitleIndexRole).toInt(), 1);
    QCOMPARE(tree.parent(tree.index(1, 0, harbour)), harbour);
    QCOMPARE(tree.rowCount(tree.index(0, 0, harbour)), 0);  // titles are leaves
    const QModelIndex movies = tree.index(2, 0);
    QCOMPARE(movies.data().toString(), QString("Movies (2)"));
    QCOMPARE(tree.rowCount(movies), 2);
    QCOMPARE(tree.index(0, 0, movies).data().toString(), QString("Blue Night"));
    QCOMPARE(tree.index(1, 0, movies).data(SeriesTreeModel::TitleIndexRole).toInt(), 2);  // Zeppelin
    tree.setLibrary(nullptr);
    QCOMPARE(tree.rowCount(), 0);
  }

  // What the loader thread builds for the table: one sort rank per column (ties share one), the
  // display strings and the search string.
  void titleRowsBuiltOnce() {
    const auto library = smallLibrary();
    const auto rows = TitleRows::build(*library);
    QCOMPARE(int(rows->rows.size()), 5);
    QCOMPARE(rows->ok, 4);
    QCOMPARE(rows->warnings, 1);
    // Names: Attic < Blue Night < Harbour S01E01 < Harbour S01E02 < Zeppelin (rows 3, 4, 1, 0, 2).
    const int nameRank[] = {3, 2, 4, 0, 1};
    for (int i = 0; i < 5; ++i) QCOMPARE(rows->rows[size_t(i)].rank[TitleTableModel::Name], nameRank[i]);
    // Same resolution everywhere: one rank for all, so a sort keeps the library order.
    for (const auto& row : rows->rows) QCOMPARE(row.rank[TitleTableModel::Resolution], 0);
    QCOMPARE(rows->rows[3].text[TitleTableModel::Audio], QString("none"));
    QVERIFY(rows->rows[3].search.contains("no audio stream"));
    TitleTableModel model;
    model.setLibrary(library, rows);
    QCOMPARE(model.rows(), rows.get());  // swapped in, not rebuilt
    QCOMPARE(model.index(3, TitleTableModel::Name).data(TitleTableModel::SortRole).toInt(), 0);
  }

  void emptyStateUntilALibraryIsOpen() {
    MainWindow window(nullptr, settings_);
    QVERIFY(!window.libraryView()->hasLibrary());
    QVERIFY(window.findChild<QPushButton*>("createDemoLibrary"));
    QCOMPARE(window.tabs()->count(), 6);  // Library, Batches, Sampling, Training, Retrieval, Experiments
    QVERIFY(window.findChild<QPushButton*>("sweepButton"));
  }

  void importWithABrokenFile() {
    MainWindow window(nullptr, settings_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StallWatchdog watchdog;
    QSignalSpy finished(window.controller(), &LibraryController::jobFinished);
    watchdog.start();
    window.importPaths({mediaDir_});
    QVERIFY(window.progressPanel()->isVisible());
    QVERIFY(finished.wait(120000));
    QVERIFY(!window.progressPanel()->isVisible());
    watchdog.stop();
    importStallMs_ = watchdog.longestGapMs();
    std::printf("import: %s\n", qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable("while importing: " + watchdog.report()));

    const LibraryJobResult& result = window.controller()->lastResult();
    QVERIFY2(result.library, qPrintable(result.error));
    QCOMPARE(window.libraryPath(), QFileInfo(mediaDir_ + "/library.json").absoluteFilePath());
    QVERIFY(QFileInfo::exists(mediaDir_ + "/library.json"));
    QCOMPARE(settings_->recentLibraries().value(0), window.libraryPath());
    QCOMPARE(result.report.errors.size(), size_t(1));
    QVERIFY(QString::fromStdString(result.report.errors[0].path).endsWith("broken.mp4"));

    // The error is shown, in text that can be selected and copied; the good files are listed.
    auto* dialog = window.findChild<ImportReportDialog*>("importReportDialog");
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->text().contains("broken.mp4"));
    QVERIFY(dialog->findChild<QPlainTextEdit*>("importIssues")->isReadOnly());
    QVERIFY(dialog->findChild<QPushButton*>("copyIssues"));
    int ok = 0;
    for (const Title& t : window.controller()->library()->titles) ok += t.status == TitleStatus::Ok;
    QCOMPARE(ok, 3);
    QVERIFY(window.libraryView()->hasLibrary());
    QVERIFY(window.libraryView()->proxyModel()->rowCount() >= 3);
    QCOMPARE(window.libraryView()->seriesModel()->rowCount(), 2);  // Harbour, Movies
    dialog->close();
  }

  void clipViewerScrubsAndSteps() {
    MainWindow window(nullptr, settings_);
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Opens the library of importWithABrokenFile, or imports it when this test runs alone.
    QSignalSpy finished(window.controller(), &LibraryController::jobFinished);
    if (QFileInfo::exists(mediaDir_ + "/library.json")) window.openLibrary(mediaDir_ + "/library.json");
    else window.importPaths({mediaDir_});
    QVERIFY(finished.wait(120000));
    QVERIFY2(window.controller()->library(), qPrintable(window.controller()->lastResult().error));
    LibraryView* view = window.libraryView();
    ClipViewer* viewer = view->clipViewer();
    int episode = -1;
    const auto library = window.controller()->library();
    for (size_t i = 0; i < library->titles.size(); ++i)
      if (library->titles[i].name == "Harbour S01E01") episode = static_cast<int>(i);
    QVERIFY(episode >= 0);

    QSignalSpy shown(viewer, &ClipViewer::clipShown);
    view->selectTitle(episode);
    QCOMPARE(viewer->titleIndex(), episode);
    QVERIFY(shown.wait(20000));
    ClipPicture clip = viewer->currentClip();
    QVERIFY2(clip.ok(), qPrintable(clip.error));
    QCOMPARE(clip.frameCount, 8);
    QCOMPARE(clip.frameHeight, 72);  // short side 72, as the model gets it
    QCOMPARE(clip.frameWidth, 96);
    QCOMPARE(clip.frames.width(), 8 * 96);
    QCOMPARE(clip.melBins, 64);
    QCOMPARE(clip.audio.size(), size_t(16000));
    QVERIFY(viewer->spectrogram()->colorMap()->data()->keySize() == clip.melFrames);

    // Scrub fast: only the last position must come back, and the GUI must not stall.
    StallWatchdog watchdog;
    watchdog.start();
    shown.clear();
    for (int t = 0; t <= 40; t += 2) {
      viewer->seek(t / 10.0);
      QTest::qWait(5);
    }
    viewer->seek(3.0);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && viewer->currentClip().start == 3.0, 20000);
    watchdog.stop();
    scrubStallMs_ = watchdog.longestGapMs();
    std::printf("scrub: %s\n", qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable("while scrubbing: " + watchdog.report()));
    QVERIFY(shown.size() < 22);  // stale requests were dropped
    std::printf("scrub to a new time, unprepared title: %.0f ms until shown\n", viewer->lastLatencyMs());
    QVERIFY2(viewer->lastLatencyMs() < 500, qPrintable(QString::number(viewer->lastLatencyMs())));
    // The tone of this episode (440 Hz) is in the audio the player would play.
    double energy = 0;
    for (float s : viewer->currentClip().audio) energy += s * s;
    QVERIFY(energy > 100);

    // The playhead of audio playback frames the frame on screen at that moment (frame 2 at 0.3 s).
    viewer->setPlayhead(0.3);
    {
      const QImage shownFrames = viewer->framesLabel()->pixmap().toImage();
      const int cell = shownFrames.width() / 8;
      QCOMPARE(QColor(shownFrames.pixel(2 * cell + cell / 2, 2)), QColor(255, 210, 0));
      QVERIFY(QColor(shownFrames.pixel(5 * cell + cell / 2, 2)) != QColor(255, 210, 0));
    }
    viewer->setPlayhead(-1);

    // The thumbnail strip over the timeline: 16 frames spread over the title; a click on it scrubs
    // there; a title seen before shows its thumbnails at once (cache).
    TimelineStrip* strip = viewer->thumbnails();
    QTRY_COMPARE_WITH_TIMEOUT(strip->thumbnailsLoaded(), TimelineStrip::kThumbnails, 60000);
    QCOMPARE(strip->thumbnailTime(0), 0.0);
    QVERIFY(strip->thumbnailTime(TimelineStrip::kThumbnails - 1) > strip->thumbnailTime(1));
    const int x = strip->width() * 3 / 4;
    QTest::mouseClick(strip, Qt::LeftButton, {}, QPoint(x, strip->height() / 2));
    QCOMPARE(viewer->position(), std::round(strip->timeAt(x) * 10) / 10);
    QVERIFY(viewer->position() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(viewer->currentClip().start - viewer->position()) < 1e-9, 20000);
    int other = episode == 0 ? 1 : 0;
    view->selectTitle(other);
    view->selectTitle(episode);
    QCOMPARE(strip->thumbnailsLoaded(), TimelineStrip::kThumbnails);
    viewer->seek(3.0);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->currentClip().start == 3.0, 20000);

    // Right steps one clip (1 s); Left back. Shortcuts need the window active (no report dialog on top).
    for (auto* dialog : window.findChildren<ImportReportDialog*>()) dialog->close();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget*>(&window));
    view->table()->setFocus();
    shown.clear();

    QTest::keyClick(view->table(), Qt::Key_Right);
    QCOMPARE(viewer->position(), 4.0);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->currentClip().start == 4.0, 20000);
    QTest::keyClick(view->table(), Qt::Key_Left);
    QCOMPARE(viewer->position(), 3.0);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->currentClip().start == 3.0, 20000);
    QTest::qWait(100);
    QVERIFY(window.grab().save(binge::test::artifactDir() + "/library-view.png"));
  }

  void audioIsConvertedTo16BitPcm() {
    const QByteArray pcm = ClipAudioPlayer::toPcm16({0.0f, 1.0f, -1.0f, 0.5f, 2.0f});
    QCOMPARE(pcm.size(), 10);
    const auto* s = reinterpret_cast<const qint16*>(pcm.constData());
    QCOMPARE(s[0], qint16(0));
    QCOMPARE(s[1], qint16(32767));
    QCOMPARE(s[2], qint16(-32767));
    QCOMPARE(s[3], qint16(16384));
    QCOMPARE(s[4], qint16(32767));  // clipped
  }

  void tenThousandTitles() {
    Library big;
    for (int i = 0; i < 10000; ++i) {
      const bool episode = i % 4 != 0;
      const std::string series = episode ? "Series " + std::to_string(i % 250) : "";
      Title t = makeTitle((episode ? series + " S01E" : "Movie ") + std::to_string(i), series, 600 + (i * 37) % 6000);
      t.id = "t" + std::to_string(i);
      big.titles.push_back(std::move(t));
    }
    const QString path = scratch_.filePath("big.json");
    saveLibrary(path.toStdString(), big);

    MainWindow window(nullptr, settings_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StallWatchdog watchdog;
    watchdog.start();
    window.openLibrary(path);
    QVERIFY(waitFor(window.controller(), &LibraryController::libraryChanged));
    QTest::qWait(50);
    watchdog.stop();
    bigOpenStallMs_ = watchdog.longestGapMs();
    std::printf("open 10,000 titles: %s\n", qPrintable(watchdog.report()));
    QCOMPARE(window.libraryView()->proxyModel()->rowCount(), 10000);
    // The rows the table shows are the ones the loader thread built: the GUI thread only swapped them in.
    QVERIFY(window.controller()->titleRows());
    QCOMPARE(window.libraryView()->titleModel()->rows(), window.controller()->titleRows().get());
    QCOMPARE(window.libraryView()->seriesModel()->rowCount(), 251);  // 250 series + Movies
    QCOMPARE(window.libraryView()->proxyModel()->index(0, TitleTableModel::Name).data().toString(), QString("Movie 0"));

    QElapsedTimer timer;
    timer.start();
    window.libraryView()->setFilterText("series 17 ");
    QCoreApplication::processEvents();
    filterMs_ = timer.nsecsElapsed() / 1e6;
    QCOMPARE(window.libraryView()->proxyModel()->rowCount(), 40);  // i % 250 == 17: all episodes
    // Scrolling: jump to the end and paint the rows now visible.
    window.libraryView()->setFilterText("");
    timer.restart();
    window.libraryView()->table()->scrollToBottom();
    window.libraryView()->table()->viewport()->repaint();
    scrollMs_ = timer.nsecsElapsed() / 1e6;
    std::printf("10,000 titles: open stall %.1f ms, filter %.1f ms, scroll to the end %.1f ms\n", bigOpenStallMs_,
                filterMs_, scrollMs_);
    QVERIFY2(filterMs_ < 50, qPrintable(QString("filtering 10,000 titles took %1 ms").arg(filterMs_)));
    QVERIFY2(scrollMs_ < 50, qPrintable(QString("scrolling 10,000 titles took %1 ms").arg(scrollMs_)));
    // Opening swaps in rows, sort ranks and the series tree built on the loader thread; what is left on
    // the GUI thread (model resets, the proxy's sort by rank, the first layout) is within the bar.
    QVERIFY2(watchdog.withinBar(), qPrintable("opening 10,000 titles: " + watchdog.report()));
  }

  void demoLibraryFromTheEmptyState() {
    MainWindow window(nullptr, settings_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString dir = scratch_.filePath("demo");
    demo::DemoOptions options;
    options.titles = 4;
    options.minutes = 0.1;
    options.probeClipsPerClass = 1;
    options.probeSeconds = 1.0;
    StallWatchdog watchdog;
    QSignalSpy progress(window.controller(), &LibraryController::progress);
    watchdog.start();
    window.controller()->createDemoLibrary(dir, options);
    QVERIFY(window.progressPanel()->isVisible());
    // In the status bar, not over the Library tab's explanation (a floating dialog covered it).
    QCOMPARE(window.progressPanel()->window(), static_cast<QWidget*>(&window));
    QVERIFY(window.progressPanel()->mapTo(&window, QPoint(0, 0)).y() >=
            window.libraryView()->mapTo(&window, QPoint(0, window.libraryView()->height())).y());
    QVERIFY(waitFor(window.controller(), &LibraryController::jobFinished, 240000));
    watchdog.stop();
    demoStallMs_ = watchdog.longestGapMs();
    QVERIFY(!progress.isEmpty());
    QVERIFY2(window.controller()->library(), qPrintable(window.controller()->lastResult().error));
    QCOMPARE(window.libraryPath(), QFileInfo(dir + "/library.json").absoluteFilePath());
    QCOMPARE(window.controller()->library()->titles.size(), size_t(4));
    QVERIFY(window.libraryView()->hasLibrary());
    // A new demo is prepared at once, and the Cache column says so for every title.
    QVERIFY(window.controller()->lastResult().prepared);
    QCOMPARE(window.controller()->lastResult().prepare.prepared, 4);
    for (const auto& row : window.controller()->titleRows()->rows)
      QCOMPARE(row.text[TitleTableModel::Cache], QString("prepared"));
    QCOMPARE(LibraryController::unpreparedTitles(window.libraryPath(), "tiny"), 0);
    std::printf("demo: %s\n", qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable("while creating the demo library: " + watchdog.report()));
    // The user waits for the demo library: its job ran at the GUI thread's priority, while the clip
    // loaders (scrubbing, thumbnails) keep theirs lowered.
    QCOMPARE(window.controller()->lastResult().threadNice, currentThreadNice());
    const QList<int> clipLoaders = threadNices("clip-loader");
    // The clip viewer's and the batch view's; a QThread of an earlier window may linger in /proc for a
    // moment after wait() (Qt's threads are detached), and it was lowered too.
    QVERIFY2(clipLoaders.size() >= 2, qPrintable(QString::number(clipLoaders.size())));
    for (int nice : clipLoaders) QCOMPARE(nice, std::max(currentThreadNice(), 10));
  }

  // Prepare from the Library tab: the selected titles only, then the rest; the Cache column follows.
  // Start in the Training tab on a library with unprepared titles asks first.
  void prepareSelectedThenAllAndStartAsks() {
    const QString dir = scratch_.filePath("to-prepare");
    QDir().mkpath(dir);
    makeMedia(dir + "/first.mp4", 3, 440);
    makeMedia(dir + "/second.mp4", 3, 660);
    MainWindow window(nullptr, settings_);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.importPaths({dir}, dir + "/library.json");
    QVERIFY(waitFor(window.controller(), &LibraryController::jobFinished, 60000));
    QVERIFY(window.controller()->library());
    int trainable = 0;
    QCOMPARE(LibraryController::unpreparedTitles(window.libraryPath(), "tiny", &trainable), 2);
    QCOMPARE(trainable, 2);
    for (const auto& row : window.controller()->titleRows()->rows)
      QCOMPARE(row.text[TitleTableModel::Cache], QString("not prepared"));

    // Start asks before training on an unprepared library (and starts nothing yet).
    TrainingView* training = window.trainingView();
    TrainerLaunch launch;
    launch.config.data.libraryPath = window.libraryPath().toStdString();
    launch.config.data.sampler.batchSize = 4;
    launch.config.data.sampler.titlesPerBatch = 2;
    launch.config.steps = 2;
    launch.runDir = scratch_.filePath("prepare-run");
    training->setFormLaunch(launch);
    QVERIFY(!training->startFromForm());
    auto* ask = window.findChild<QMessageBox*>("prepareFirst");
    QVERIFY(ask);
    QVERIFY2(ask->text().contains("2 of 2 titles"), qPrintable(ask->text()));
    ask->reject();

    auto* table = window.libraryView()->findChild<QTableView*>("titleTable");
    table->selectRow(0);
    const int selected = table->selectionModel()->selectedRows().first().data(TitleTableModel::TitleIndexRole).toInt();
    QTest::mouseClick(window.libraryView()->findChild<QPushButton*>("prepareSelectedButton"), Qt::LeftButton);
    QVERIFY(waitFor(window.controller(), &LibraryController::jobFinished, 120000));
    QCOMPARE(window.controller()->lastResult().prepare.prepared, 1);
    const auto& rows = window.controller()->titleRows()->rows;
    QCOMPARE(rows[static_cast<size_t>(selected)].text[TitleTableModel::Cache], QString("prepared"));
    QCOMPARE(rows[static_cast<size_t>(1 - selected)].text[TitleTableModel::Cache], QString("not prepared"));

    QTest::mouseClick(window.libraryView()->findChild<QPushButton*>("prepareAllButton"), Qt::LeftButton);
    QVERIFY(waitFor(window.controller(), &LibraryController::jobFinished, 120000));
    QCOMPARE(window.controller()->lastResult().prepare.prepared, 1);
    QCOMPARE(window.controller()->lastResult().prepare.upToDate, 1);
    QCOMPARE(LibraryController::unpreparedTitles(window.libraryPath(), "tiny"), 0);
  }

  // A QThreadPool thread keeps a lowered nice for life. Even with every global-pool thread lowered (as
  // workers once did), library jobs run on the controller's own pool at the GUI's priority.
  void libraryJobsIgnoreLoweredPoolThreads() {
    QThreadPool* pool = QThreadPool::globalInstance();
    QSemaphore started;
    QSemaphore release;
    QList<QFuture<void>> lowered;
    for (int i = 0; i < pool->maxThreadCount(); ++i)
      lowered << QtConcurrent::run([&] {
        lowerCurrentThreadPriority();
        started.release();
        release.acquire();  // hold the thread until all are lowered, so each task gets its own
      });
    QVERIFY(started.tryAcquire(pool->maxThreadCount(), 10000));
    release.release(pool->maxThreadCount());
    for (auto& f : lowered) f.waitForFinished();

    LibraryController controller(nullptr);
    demo::DemoOptions options;
    options.titles = 2;
    options.minutes = 0.1;
    options.probeClipsPerClass = 1;
    options.probeSeconds = 1.0;
    QSignalSpy finished(&controller, &LibraryController::jobFinished);
    controller.createDemoLibrary(scratch_.filePath("demo-priority"), options);
    QVERIFY(finished.wait(240000));
    QVERIFY2(controller.library(), qPrintable(controller.lastResult().error));
    QCOMPARE(controller.lastResult().threadNice, currentThreadNice());
    QVERIFY(currentThreadNice() < 10);  // else the check above could not tell lowered from not
  }

  void demoCreationCanBeCancelled() {
    MainWindow window(nullptr, settings_);
    const QString dir = scratch_.filePath("demo-cancelled");
    demo::DemoOptions options;
    options.titles = 8;
    options.minutes = 1.0;
    QSignalSpy finished(window.controller(), &LibraryController::jobFinished);
    window.controller()->createDemoLibrary(dir, options);
    QTest::qWait(300);
    window.progressPanel()->cancelButton()->click();
    QVERIFY(finished.wait(60000));
    QVERIFY(window.controller()->lastResult().cancelled);
    QVERIFY(!window.controller()->library());
    QVERIFY(!QFileInfo::exists(dir + "/library.json"));
  }
};

QTEST_MAIN(TestLibraryView)
#include "test_library_view.moc"
