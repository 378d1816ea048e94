// The Retrieval tab against a real run: a tiny demo library (4 titles of 15 s), two training steps
// through binge-cli, then the torch-free RetrievalService (cancel, build, cache, query, map) and the
// view on top of it: k results in score order with the query window itself first (cosine 1 in v2v),
// the own-title marking, a cached query's latency, one map point per window, a click on the map and
// "Find similar clips" from the Library and Batches tabs as queries, a card's Play (one shared player,
// Space for the selected card), index building off the GUI thread with Cancel, and a 100,000-point
// map's redraw. Saves a screenshot.
#include "BatchView.h"
#include "BingeApplication.h"
#include "ClipAudioPlayer.h"
#include "ClipViewer.h"
#include "EmbeddingMapPlot.h"
#include "LibraryView.h"
#include "RetrievalResultCard.h"
#include "FindSimilarActions.h"
#include "RetrievalView.h"
#include "Screenshot.h"
#include "StallWatchdog.h"
#include "CliRunner.h"
#include "Artifacts.h"
#include "eval/RetrievalService.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>

using namespace binge;
using namespace binge::ui;
using binge::test::runCli;

class TestRetrievalView : public QObject {
  Q_OBJECT
  QTemporaryDir scratch_;
  QString library_, run_;
  std::shared_ptr<const Library> titles_;
  QString queryTitle_;  // the second title: a query in the middle of the library

  QString cacheFile() const { return QDir(run_).filePath("retrieval/index.pt"); }

  // A view with the run's index open.
  void openIndex(RetrievalView& view) {
    QSignalSpy ready(&view, &RetrievalView::indexReady);
    QSignalSpy failed(&view, &RetrievalView::indexFailed);
    view.setRun(run_);
    QVERIFY2(ready.wait(300000), failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().toString()));
  }

  bool query(RetrievalView& view, const QString& titleId, double seconds) {
    QSignalSpy shown(&view, &RetrievalView::resultsShown);
    view.queryTitleAt(titleId, seconds);
    return shown.wait(60000);
  }

  // Triggers a "Find similar clips" action wired to the view: it must bring the view forward once and
  // show an answer; *query is then the window it asked about.
  void findSimilar(RetrievalView& view, QAction* action, const RetrievalWindow** query) {
    QSignalSpy activate(&view, &RetrievalView::activateRequested);
    QSignalSpy shown(&view, &RetrievalView::resultsShown);
    action->trigger();
    QCOMPARE(activate.count(), 1);
    QVERIFY(shown.wait(300000));
    *query = &view.controller()->service()->windows()[static_cast<size_t>(view.lastAnswer().queryRow)];
  }

 private Q_SLOTS:
  void initTestCase() {
    configureApplication(*qApp);
    QVERIFY(scratch_.isValid());
    const QString world = scratch_.filePath("world");
    library_ = scratch_.filePath("world/library.json");
    run_ = scratch_.filePath("run");
    QElapsedTimer clock;
    clock.start();
    auto r = runCli({"demo", "--out", world, "--titles", "4", "--minutes", "0.25", "--seed", "5"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"import", "--library", library_, world + "/titles"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"train", "--library", library_, "--run", run_, "--steps", "2", "--batch", "8", "--titles-per-batch", "2",
                "--seed", "3"},
               300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    std::printf("fixture: demo library + 2-step run in %.1f s\n", clock.elapsed() / 1000.0);
    titles_ = std::make_shared<const Library>(loadLibrary(library_.toStdString()));
    QVERIFY(titles_->titles.size() >= 2);
    queryTitle_ = QString::fromStdString(titles_->titles[1].id);
  }

  // The facade alone: a cancelled build leaves no cache; a build caches; the cache answers next time.
  void serviceCancelsBuildsAndCaches() {
    QFile::remove(cacheFile());
    RetrievalService service;
    service.open(run_.toStdString());
    QVERIFY(service.isOpen());
    QCOMPARE(QString::fromStdString(service.libraryPath()), library_);
    QVERIFY_THROWS_EXCEPTION(RetrievalCancelled, service.prepareIndex([](std::int64_t, std::int64_t) { return false; }));
    QVERIFY(!service.hasIndex());
    QVERIFY(!QFile::exists(cacheFile()));

    std::int64_t lastTotal = 0;
    QVERIFY(service.prepareIndex([&](std::int64_t, std::int64_t total) {
      lastTotal = total;
      return true;
    }));
    QVERIFY(QFile::exists(cacheFile()));
    const auto& windows = service.windows();
    QCOMPARE(static_cast<std::int64_t>(windows.size()), lastTotal);
    std::set<std::string> titles;
    for (const RetrievalWindow& w : windows) titles.insert(w.titleId);
    QCOMPARE(titles.size(), titles_->titles.size());

    const std::int64_t row = service.findRow(queryTitle_.toStdString(), 5.5);
    const auto matches = service.query(queryTitle_.toStdString(), 5.5, RetrievalDirection::VideoToVideo, 5);
    QCOMPARE(matches.size(), size_t{5});
    QCOMPARE(matches[0].row, row);
    QCOMPARE(matches[0].start, 5.0);
    QVERIFY(matches[0].score > 0.9999);
    for (size_t i = 1; i < matches.size(); ++i) QVERIFY(matches[i - 1].score >= matches[i].score);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, service.query("no-such-title", 1.0, RetrievalDirection::VideoToVideo, 5));

    const RetrievalMap map = service.map(true);
    QCOMPARE(map.x.size(), windows.size());
    QCOMPARE(map.y.size(), windows.size());
    QVERIFY(map.explainedVariance[0] >= map.explainedVariance[1] && map.explainedVariance[0] > 0);

    RetrievalService again;
    again.open(run_.toStdString(), "latest");
    QVERIFY(!again.prepareIndex());  // from the cache
    QVERIFY(again.indexWasCached());
    QCOMPARE(again.windows().size(), windows.size());
  }

  // Results in score order, the query window first with cosine ≈ 1, own-title cells marked, frames.
  void viewShowsRankedResults() {
    RetrievalView view;
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openIndex(view);
    const auto service = view.controller()->service();
    QVERIFY(service);
    view.setDirection(RetrievalDirection::VideoToVideo);
    view.setK(6);
    QSignalSpy frames(&view, &RetrievalView::allFramesLoaded);
    QVERIFY(query(view, queryTitle_, 5.5));
    const RetrievalAnswer& answer = view.lastAnswer();
    QVERIFY2(answer.error.isEmpty(), qPrintable(answer.error));
    const auto& cards = view.resultCards();
    QCOMPARE(static_cast<int>(cards.size()), 6);
    QCOMPARE(answer.queryRow, service->findRow(queryTitle_.toStdString(), 5.5));
    QCOMPARE(answer.matches.front().row, answer.queryRow);
    QVERIFY(answer.matches.front().score > 0.9999);
    QVERIFY(view.queryCard());
    QCOMPARE(view.queryCard()->mark(), RetrievalResultCard::Mark::Query);
    int ownTitle = 0;
    for (size_t i = 0; i < cards.size(); ++i) {
      QCOMPARE(cards[i]->rank(), static_cast<int>(i) + 1);
      QCOMPARE(cards[i]->score(), answer.matches[i].score);
      if (i > 0) QVERIFY(cards[i - 1]->score() >= cards[i]->score());
      const bool same = QString::fromStdString(answer.matches[i].titleId) == queryTitle_;
      QCOMPARE(cards[i]->isOwnTitle(), same);
      ownTitle += same;
      const auto expected = i == 0 ? RetrievalResultCard::Mark::QueryWindow
                            : same ? RetrievalResultCard::Mark::OwnTitle
                                   : RetrievalResultCard::Mark::None;
      QCOMPARE(cards[i]->mark(), expected);
      QCOMPARE(cards[i]->badgeText().isEmpty(), !same);
    }
    std::printf("v2v top-6 of %s@5.5: %d from its own title\n", qPrintable(queryTitle_), ownTitle);
    QVERIFY(frames.count() > 0 || frames.wait(60000));
    for (RetrievalResultCard* card : cards) QVERIFY(card->hasPicture());

    // Another direction re-queries the same window.
    QSignalSpy shown(&view, &RetrievalView::resultsShown);
    view.setDirection(RetrievalDirection::AudioToVideo);
    view.queryWindow(answer.queryRow);
    QVERIFY(shown.wait(60000));
    QCOMPARE(view.lastAnswer().direction, RetrievalDirection::AudioToVideo);
    QCOMPARE(static_cast<int>(view.resultCards().size()), 6);
  }

  // Once the index is cached, opening it and answering a query is quick.
  void cachedQueryIsFast() {
    QVERIFY(QFile::exists(cacheFile()));
    RetrievalView view;
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer open;
    open.start();
    openIndex(view);
    const double openMs = open.nsecsElapsed() / 1e6;
    QVERIFY(view.controller()->service()->indexWasCached());
    std::vector<double> ms;
    for (double t : {5.5, 1.0, 9.0, 12.0, 3.0}) {
      QVERIFY(query(view, queryTitle_, t));
      ms.push_back(view.lastQueryMs());
    }
    std::printf("cached index: opened in %.0f ms; query on screen: first %.1f ms, all", openMs, ms.front());
    for (double m : ms) std::printf(" %.1f", m);
    std::printf(" ms (search alone %.2f ms)\n", view.lastAnswer().queryMs);
    QVERIFY2(ms.front() < 200, qPrintable(QString("first cached query took %1 ms").arg(ms.front())));
    std::sort(ms.begin(), ms.end());
    QVERIFY2(ms[ms.size() / 2] < 200, qPrintable(QString("median cached query %1 ms").arg(ms[ms.size() / 2])));
  }

  // One point per window; hover names the window; a click queries it.
  void mapHasOnePointPerWindowAndClickQueries() {
    RetrievalView view;
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy mapShown(&view, &RetrievalView::mapShown);
    openIndex(view);
    QVERIFY(mapShown.count() > 0 || mapShown.wait(60000));
    const auto service = view.controller()->service();
    const int windows = static_cast<int>(service->windows().size());
    EmbeddingMapPlot* map = view.map();
    QCOMPARE(map->pointCount(), windows);
    QCOMPARE(map->groupCount(), static_cast<int>(titles_->titles.size()));
    int plotted = 0;
    for (int g = 0; g < map->groupCount(); ++g) plotted += map->groupGraph(g)->dataCount();
    QCOMPARE(plotted, windows);
    QVERIFY(map->legend->visible());  // 4 titles: named under the axes
    QVERIFY2(map->axisRect()->width() > map->width() * 3 / 4, "the legend narrowed the axes");

    // Colour by series: one group per series (movies share one).
    view.setColourBySeries(true);
    std::set<std::string> series;
    for (const RetrievalWindow& w : service->windows()) series.insert(w.series);
    QCOMPARE(map->groupCount(), static_cast<int>(series.size()));
    QCOMPARE(map->pointCount(), windows);
    view.setColourBySeries(false);

    // A window of the last title: hover names it, a click makes it the query.
    const int target = windows - 3;
    const QPoint at = map->positionOf(target).toPoint();
    const int expected = map->pointAt(at);  // another point may lie on top of it
    QVERIFY(expected >= 0);
    QTest::mouseMove(map, at);
    QTRY_VERIFY(map->hoveredPoint() == expected);
    const RetrievalWindow& w = service->windows()[static_cast<size_t>(expected)];
    QVERIFY2(map->hoverText().contains(QString::fromStdString(w.titleName)), qPrintable(map->hoverText()));
    QSignalSpy shown(&view, &RetrievalView::resultsShown);
    QTest::mouseClick(map, Qt::LeftButton, {}, at);
    QVERIFY(shown.wait(60000));
    QCOMPARE(view.lastAnswer().queryRow, static_cast<std::int64_t>(expected));
    QCOMPARE(static_cast<int>(view.resultCards().size()), view.k());
    // A drag pans and queries nothing.
    const int before = shown.count();
    QTest::mousePress(map, Qt::LeftButton, {}, at);
    QTest::mouseMove(map, at + QPoint(40, 30));
    QTest::mouseRelease(map, Qt::LeftButton, {}, at + QPoint(40, 30));
    QTest::qWait(200);
    QCOMPARE(shown.count(), before);
  }

  // "Find similar clips" in the Library tab queries the viewer's clip; the index opens on demand.
  void findSimilarFromTheLibraryView() {
    LibraryView library;
    library.setLibrary(titles_, library_);
    library.selectTitle(1);
    library.clipViewer()->seek(5.5);
    RetrievalView view;
    offerFindSimilar(&library, &view, [this] { return titles_; });
    view.setRun(run_, /*load=*/false);
    QVERIFY(!view.controller()->service());
    auto* action = library.findChild<QAction*>("actionFindSimilar");
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    const RetrievalWindow* q = nullptr;
    findSimilar(view, action, &q);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(QString::fromStdString(q->titleId), queryTitle_);
    QCOMPARE(q->start, 5.0);
  }

  // "Find similar clips" on a clip of the Batches tab's drawn batch makes that window the query.
  void findSimilarFromTheBatchView() {
    BatchView batches;
    batches.setLibrary(titles_, library_);
    QSignalSpy drawn(&batches, &BatchView::batchDrawn);
    batches.drawBatch();
    QVERIFY(drawn.wait(60000));
    QVERIFY(batches.clipCount() > 1);
    const int row = batches.clipCount() - 1;
    batches.selectClip(row);
    const int i = batches.batchIndexOfRow(row);
    const QString titleId = QString::fromStdString(titles_->titles[static_cast<size_t>(batches.batch().titleIndex[static_cast<size_t>(i)])].id);
    const double start = batches.batch().windows[static_cast<size_t>(i)].start;

    RetrievalView view;
    offerFindSimilar(&batches, &view, [this] { return titles_; });
    view.setRun(run_, /*load=*/false);
    auto* action = batches.findChild<QAction*>("actionFindSimilarBatch");
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QVERIFY(batches.table()->actions().contains(action));  // the table's context menu
    QCOMPARE(batches.table()->contextMenuPolicy(), Qt::ActionsContextMenu);
    const RetrievalWindow* q = nullptr;
    findSimilar(view, action, &q);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(view.lastAnswer().queryRow, view.controller()->service()->findRow(titleId.toStdString(), start));
    QCOMPARE(QString::fromStdString(q->titleId), titleId);
  }

  // A card's Play hands its window's audio to the view's one player; another card takes over; Space
  // plays the selected card. The offscreen platform may have no audio output: then the player refuses
  // (error) and the request it got is checked instead of the sound.
  void playButtonPlaysTheWindow() {
    RetrievalView view;
    view.resize(1280, 800);
    view.show();
    view.activateWindow();  // the Space check needs keyboard focus in this window
    QVERIFY(QTest::qWaitForWindowActive(&view));
    openIndex(view);
    view.setK(4);
    QSignalSpy frames(&view, &RetrievalView::allFramesLoaded);
    QVERIFY(query(view, queryTitle_, 5.5));
    QVERIFY(frames.count() > 0 || frames.wait(60000));
    const auto& cards = view.resultCards();
    QCOMPARE(static_cast<int>(cards.size()), 4);
    ClipAudioPlayer* player = view.audioPlayer();
    QSignalSpy refused(player, &ClipAudioPlayer::error);
    const bool sound = player->available();
    std::printf("audio output: %s\n", sound ? "yes" : "none (checking the request)");

    RetrievalResultCard* second = cards[1];
    QVERIFY(second->playButton()->isEnabled());
    QVERIFY(!second->audio().empty());
    QTest::mouseClick(second->playButton(), Qt::LeftButton);
    QCOMPARE(view.lastPlayRequest().rank, 2);
    QCOMPARE(view.lastPlayRequest().title, second->title());
    QCOMPARE(view.lastPlayRequest().start, view.lastAnswer().matches[1].start);
    QCOMPARE(view.lastPlayRequest().samples, second->audio().size());
    if (player->isPlaying()) {
      QCOMPARE(view.playingCard(), second);
      QVERIFY(second->isPlaying());
      // Another card stops the first.
      QTest::mouseClick(cards[2]->playButton(), Qt::LeftButton);
      QCOMPARE(view.lastPlayRequest().rank, 3);
      QVERIFY(!second->isPlaying());
      QVERIFY(cards[2]->isPlaying() || refused.count() > 0);
      // Its button again is Stop.
      QTest::mouseClick(cards[2]->playButton(), Qt::LeftButton);
      QVERIFY(!player->isPlaying());
      QVERIFY(!cards[2]->isPlaying());
    } else {
      QVERIFY2(refused.count() > 0, "the player neither plays nor says why");
      QVERIFY(!second->isPlaying());
      QVERIFY(!view.playingCard());
      QVERIFY(view.statusLabel()->text().contains("Cannot play"));
    }
    view.stopPlayback();

    // Space over the results: the clicked card, else the first result.
    auto* space = view.findChild<QAction*>("actionPlayResult");
    QVERIFY(space);
    QCOMPARE(space->shortcut(), QKeySequence(Qt::Key_Space));
    QTest::mouseClick(cards[3], Qt::LeftButton, {}, QPoint(4, 4));
    QTRY_VERIFY(cards[3]->hasFocus());
    QTest::keyClick(cards[3], Qt::Key_Space);
    QCOMPARE(view.lastPlayRequest().rank, 4);
    view.stopPlayback();
    cards[3]->clearFocus();
    space->trigger();
    QCOMPARE(view.lastPlayRequest().rank, 1);
    view.stopPlayback();
    QVERIFY(!view.playingCard());
  }

  // Building runs on a worker: the GUI thread keeps answering; Cancel stops it and caches nothing.
  void buildOffTheGuiThreadAndCancel() {
    RetrievalView view;
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QFile::remove(cacheFile());
    QSignalSpy cancelled(view.controller(), &RetrievalController::indexCancelled);
    view.setRun(run_);
    QVERIFY(view.progressBar()->isVisible());
    QVERIFY(view.cancelButton()->isVisible());
    QTest::mouseClick(view.cancelButton(), Qt::LeftButton);
    QVERIFY(cancelled.wait(120000));
    QVERIFY(!view.cancelButton()->isVisible());
    QVERIFY(!QFile::exists(cacheFile()));
    QVERIFY(view.statusLabel()->text().contains("cancelled"));

    binge::test::StallWatchdog watchdog;
    QSignalSpy ready(&view, &RetrievalView::indexReady);
    watchdog.start();
    view.loadIndex();
    QVERIFY(ready.wait(300000));
    watchdog.stop();
    std::printf("index build (%zu windows, not cached): %s\n", view.controller()->service()->windows().size(),
                qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable(watchdog.report()));
    QVERIFY(!view.controller()->service()->indexWasCached());
    QVERIFY(QFile::exists(cacheFile()));
  }

  // 100,000 points in 40 colour groups: a full replot and a hover lookup stay interactive.
  void mapOf100kPointsRedraws() {
    constexpr int n = 100000, groups = 40;
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.f, 1.f);
    std::vector<float> x(n), y(n);
    std::vector<int> group(n);
    QStringList names;
    for (int g = 0; g < groups; ++g) names << QString("title %1").arg(g);
    for (int i = 0; i < n; ++i) {
      group[static_cast<size_t>(i)] = i % groups;
      const float cx = 6.f * std::cos(i % groups * 0.157f), cy = 6.f * std::sin(i % groups * 0.157f);
      x[static_cast<size_t>(i)] = cx + noise(rng);
      y[static_cast<size_t>(i)] = cy + noise(rng);
    }
    EmbeddingMapPlot map;
    map.resize(900, 650);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    // A few groups first: their legend goes under the axes; 40 are too many for a legend, which must
    // then give the axes all the room again.
    map.setPoints({0.f, 1.f, 2.f}, {0.f, 1.f, 0.f}, {0, 1, 2}, {"a", "b", "c"});
    QVERIFY(map.legend->visible());
    QVERIFY2(map.axisRect()->width() > map.width() * 3 / 4, "a legend under the axes narrowed them");
    QElapsedTimer clock;
    clock.start();
    map.setPoints(x, y, group, names);
    const double setMs = clock.nsecsElapsed() / 1e6;
    QCOMPARE(map.pointCount(), n);
    QCOMPARE(map.groupCount(), groups);
    QVERIFY(!map.legend->visible());
    QVERIFY2(map.axisRect()->width() > map.width() * 3 / 4 && map.axisRect()->height() > map.height() * 3 / 4,
             "the hidden legend still takes room from the axes");
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
      clock.restart();
      map.replot();
      ms.push_back(clock.nsecsElapsed() / 1e6);
    }
    QVERIFY(map.grab().save(QDir(binge::test::artifactDir()).filePath("retrieval_map_100k_full.png")));
    // After a zoom into one cluster (what a user does next), fewer points are drawn.
    map.xAxis->scaleRange(0.25, map.xAxis->range().center());
    map.yAxis->scaleRange(0.25, map.yAxis->range().center());
    clock.restart();
    map.replot();
    const double zoomedMs = clock.nsecsElapsed() / 1e6;
    clock.restart();
    int hits = 0;
    for (int i = 0; i < 100; ++i) hits += map.pointAt(QPointF(100 + 7 * i, 100 + 4 * i)) >= 0;
    const double hoverUs = clock.nsecsElapsed() / 1e3 / 100;
    QVERIFY(map.grab().save(QDir(binge::test::artifactDir()).filePath("retrieval_map_100k.png")));
    std::sort(ms.begin(), ms.end());
    std::printf("map of %d points in %d graphs: setPoints %.0f ms, full replot median %.0f ms (min %.0f, max %.0f), "
                "zoomed replot %.0f ms, hover lookup %.0f us (%d of 100 hit)\n",
                n, groups, setMs, ms[2], ms.front(), ms.back(), zoomedMs, hoverUs, hits);
    QVERIFY2(ms[2] < 200, qPrintable(QString("median replot %1 ms").arg(ms[2])));
    QVERIFY2(hoverUs < 5000, qPrintable(QString("hover lookup %1 us").arg(hoverUs)));
  }

  // $BINGE_SCREENSHOT_RUN (a longer-trained run; its query $BINGE_SCREENSHOT_QUERY=TITLE_ID@SECONDS)
  // replaces the test's 2-step run, whose embedding has barely moved from its initialisation, for the
  // documentation's picture.
  void screenshot() {
    const QString otherRun = qEnvironmentVariable("BINGE_SCREENSHOT_RUN");
    const QString otherQuery = qEnvironmentVariable("BINGE_SCREENSHOT_QUERY");
    if (!otherRun.isEmpty()) run_ = otherRun;
    const int at = otherQuery.lastIndexOf('@');
    const QString title = at > 0 ? otherQuery.left(at) : queryTitle_;
    const double seconds = at > 0 ? otherQuery.mid(at + 1).toDouble() : 5.5;
    RetrievalView view;
    view.resize(1400, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy mapShown(&view, &RetrievalView::mapShown);
    openIndex(view);
    QVERIFY(mapShown.count() > 0 || mapShown.wait(60000));
    view.setK(11);
    QSignalSpy frames(&view, &RetrievalView::allFramesLoaded);
    QVERIFY(query(view, title, seconds));
    QVERIFY(frames.wait(60000));
    // Hover a result point so the tooltip line under the map shows what hovering does.
    const int hover = static_cast<int>(view.lastAnswer().matches.back().row);
    QTest::mouseMove(view.map(), view.map()->positionOf(hover).toPoint());
    QTest::qWait(100);
    QVERIFY(binge::test::saveScreenshot(view, "retrieval_view.png"));
  }
};

QTEST_MAIN(TestRetrievalView)
#include "test_retrieval_view.moc"
