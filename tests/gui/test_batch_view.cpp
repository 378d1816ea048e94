// The Batches and Sampling tabs on a small demo world: batch rows grouped by title, the same-title
// marking of a selected clip against the sampler's own statistics, the GUI thread's longest stall
// while drawing and loading a batch, a checkpoint's similarity heatmap, the uniform/hierarchical
// comparison and plot export.
#include "BatchView.h"
#include "BingeApplication.h"
#include "LibraryController.h"
#include "LibraryView.h"
#include "MainWindow.h"
#include "SamplingView.h"
#include "SimilarityHeatmap.h"
#include "StallWatchdog.h"
#include "CliRunner.h"
#include "Artifacts.h"
#include "AppSettings.h"
#include "FieldEditor.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "QCustomPlotInclude.h"

#include <algorithm>
#include <cstdio>
#include <set>

using namespace binge;
using namespace binge::ui;
using binge::test::StallWatchdog;

class TestBatchView : public QObject {
  Q_OBJECT
  QTemporaryDir scratch_;
  std::shared_ptr<AppSettings> settings_;
  std::unique_ptr<MainWindow> window_;
  double drawStallMs_ = -1;

  BatchView* batches() { return window_->batchView(); }

  // Draws with the view and waits until every clip's frames and spectrogram are in.
  bool drawAndLoad(const SamplerConfig& config) {
    batches()->setSamplerConfig(config);
    QSignalSpy drawn(batches(), &BatchView::batchDrawn);
    QSignalSpy loaded(batches(), &BatchView::allClipsLoaded);
    batches()->drawBatch();
    if (!drawn.wait(30000)) return false;
    return loaded.wait(120000);
  }

 private Q_SLOTS:
  void initTestCase() {
    configureApplication(*qApp);
    settings_ = std::make_shared<AppSettings>(scratch_.filePath("settings.ini"));
    window_ = std::make_unique<MainWindow>(nullptr, settings_);
    window_->resize(1300, 820);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    demo::DemoOptions options;
    options.titles = 8;   // 2 series of 3 episodes + 2 movies
    options.minutes = 0.5;
    options.probeClipsPerClass = 1;
    options.probeSeconds = 1.0;
    QSignalSpy finished(window_->controller(), &LibraryController::jobFinished);
    window_->controller()->createDemoLibrary(scratch_.filePath("demo"), options);
    QVERIFY(finished.wait(300000));
    QVERIFY2(window_->controller()->library(), qPrintable(window_->controller()->lastResult().error));
  }

  void cleanupTestCase() {
    std::printf("GUI stall while drawing and loading a batch: %.1f ms\n", drawStallMs_);
    window_.reset();
  }

  // With no batch drawn yet, the colour scale shows a cosine's range, not QCustomPlot's default 0–6.
  void emptyHeatmapScalesLikeACosine() {
    SimilarityHeatmap heatmap;
    QCOMPARE(heatmap.dataRange().lower, -1.0);
    QCOMPARE(heatmap.dataRange().upper, 1.0);
    heatmap.setMatrix({0.2f, 0.1f, 0.0f, 0.3f}, 2, {0, 1});
    heatmap.clearMatrix();
    QCOMPARE(heatmap.dataRange().upper, 1.0);
  }

  void hierarchicalBatchIsGroupedByTitle() {
    window_->tabs()->setCurrentWidget(batches());
    SamplerConfig config;
    config.kind = "hierarchical";
    config.batchSize = 12;
    config.titlesPerBatch = 3;
    config.minGapSeconds = 2.0;
    config.seed = 7;
    StallWatchdog watchdog;
    watchdog.start();
    QVERIFY(drawAndLoad(config));
    watchdog.stop();
    drawStallMs_ = watchdog.longestGapMs();
    std::printf("draw and load a batch: %s\n", qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable("while drawing a batch: " + watchdog.report()));

    const BatchDraw& draw = batches()->batch();
    QVERIFY2(draw.error.isEmpty(), qPrintable(draw.error));
    QCOMPARE(batches()->clipCount(), 12);
    QCOMPARE(batches()->groupCount(), draw.statistics.distinctTitles);
    QCOMPARE(batches()->groupCount(), 3);
    // Rows of one title are contiguous: the group number never goes back.
    for (int row = 1; row < batches()->clipCount(); ++row) QVERIFY(batches()->groupOfRow(row) >= batches()->groupOfRow(row - 1));
    // Each row shows the clip's frames strip and spectrogram.
    for (int row = 0; row < batches()->clipCount(); ++row) {
      const QPixmap frames = batches()->table()->item(row, BatchView::FramesColumn)->data(Qt::DecorationRole).value<QPixmap>();
      QVERIFY2(!frames.isNull(), qPrintable(batches()->table()->item(row, BatchView::FramesColumn)->text()));
      QVERIFY(!batches()->table()->item(row, BatchView::SpectrogramColumn)->data(Qt::DecorationRole).value<QPixmap>().isNull());
    }
    // Every clip's role shows whole at this window size (it was cut off behind the pictures).
    QTableWidget* table = batches()->table();
    QVERIFY2(table->columnViewportPosition(BatchView::RoleColumn) + table->columnWidth(BatchView::RoleColumn) <=
                 table->viewport()->width(),
             qPrintable(QString("role column ends at %1 of %2 px")
                            .arg(table->columnViewportPosition(BatchView::RoleColumn) + table->columnWidth(BatchView::RoleColumn))
                            .arg(table->viewport()->width())));
    // The view's draw is the sampler's own: the same seed gives the same windows.
    const BatchDraw again = BatchView::drawWithSampler(*window_->controller()->library(), config, 1,
                                                         window_->batchView()->clipSpec());
    QCOMPARE(again.windows.size(), draw.windows.size());
    for (size_t i = 0; i < draw.windows.size(); ++i) QCOMPARE(again.windows[i].start, draw.windows[i].start);
  }

  void sameTitleMarkingMatchesTheStatistics_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("titles");
    QTest::newRow("hierarchical 12/3") << "hierarchical" << 12 << 3;
    QTest::newRow("hierarchical 8/2") << "hierarchical" << 8 << 2;
    QTest::newRow("uniform 12") << "uniform" << 12 << 3;
    QTest::newRow("title-balanced 8") << "title-balanced" << 8 << 2;
  }

  void sameTitleMarkingMatchesTheStatistics() {
    QFETCH(QString, kind);
    QFETCH(int, batchSize);
    QFETCH(int, titles);
    SamplerConfig config;
    config.kind = kind.toStdString();
    config.batchSize = batchSize;
    config.titlesPerBatch = titles;
    config.minGapSeconds = 1.0;
    config.seed = 3;
    QVERIFY(drawAndLoad(config));
    const BatchStatistics& stats = batches()->batch().statistics;
    long hardPairs = 0;
    for (int row = 0; row < batches()->clipCount(); ++row) {
      batches()->selectClip(row);
      QCOMPARE(batches()->roleOfRow(row), QString("anchor"));
      QCOMPARE(batches()->hardNegativeCount() + batches()->easyNegativeCount(), batchSize - 1);
      hardPairs += batches()->hardNegativeCount();
    }
    // Σ over anchors of same-title negatives = the share computeBatchStatistics reports × B·(B−1).
    QCOMPARE(hardPairs, std::lround(stats.sameTitleNegativeShare * batchSize * (batchSize - 1)));
    if (kind == "hierarchical") {
      const int k = batchSize / titles;
      for (int row = 0; row < batches()->clipCount(); ++row) {
        batches()->selectClip(row);
        QCOMPARE(batches()->hardNegativeCount(), k - 1);
      }
    }
  }

  void screenshotOfABatch() {
    SamplerConfig config;
    config.kind = "hierarchical";
    config.batchSize = 12;
    config.titlesPerBatch = 3;
    config.seed = 11;
    QVERIFY(drawAndLoad(config));
    batches()->selectClip(1);
    QTest::qWait(50);
    QVERIFY(window_->grab().save(binge::test::artifactDir() + "/batch-view.png"));
  }

  // With a run's checkpoint: the B×B video–audio similarity of the batch as a heatmap with one
  // outlined block per title, the similarity column against the selected clip, and a clicked cell's
  // two clips side by side. A bad run directory is refused with its reason.
  void similarityHeatmapFromACheckpoint() {
    window_->tabs()->setCurrentWidget(batches());
    QSignalSpy failed(batches(), &BatchView::similarityFailed);
    batches()->openSimilarityRun(scratch_.filePath("no-such-run"));
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.first().first().toString().contains("no-such-run"), qPrintable(failed.first().first().toString()));
    QVERIFY(!batches()->hasSimilarityModel());

    // $BINGE_SCREENSHOT_RUN: a longer-trained run instead of the two-step one, for docs/ screenshots.
    QString run = qEnvironmentVariable("BINGE_SCREENSHOT_RUN");
    if (run.isEmpty()) {
      run = scratch_.filePath("run");
      const auto r = binge::test::runCli({"train", "--library", window_->controller()->libraryPath(), "--run", run,
                                          "--steps", "2", "--batch", "8", "--titles-per-batch", "2", "--seed", "5"},
                                         300000);
      QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    QSignalSpy modelReady(batches(), &BatchView::similarityModelChanged);
    batches()->openSimilarityRun(run);
    QVERIFY(modelReady.wait(60000));
    QSignalSpy ready(batches(), &BatchView::similaritiesReady);
    SamplerConfig config;
    config.kind = "hierarchical";
    config.batchSize = 12;
    config.titlesPerBatch = 3;
    config.seed = 11;
    StallWatchdog watchdog;
    watchdog.start();
    QVERIFY(drawAndLoad(config));
    QVERIFY(ready.count() > 0 || ready.wait(120000));
    watchdog.stop();
    std::printf("draw, load and compute similarities: %s\n", qPrintable(watchdog.report()));
    // The GUI thread's own work is the bar. The wall-clock gap is not asserted here: the forward pass
    // runs on both cores by design (LibTorch's intra-op threads), so on a busy machine the scheduler
    // alone can hold the GUI thread back past the watchdog's 150 ms sanity limit.
    QVERIFY2(StallWatchdog::busyWithinBar(watchdog.longestBusyMs()),
             qPrintable("while computing similarities: " + watchdog.report()));
    QVERIFY(batches()->hasSimilarities());
    QCOMPARE(batches()->heatmap()->size(), 12);
    QCOMPARE(batches()->heatmap()->blockCount(), 3);
    // Cosines of unit embeddings, not all alike.
    float lowest = 2, highest = -2;
    for (int i = 0; i < 12; ++i)
      for (int j = 0; j < 12; ++j) {
        const float v = batches()->similarity(i, j);
        QVERIFY2(v >= -1.0001f && v <= 1.0001f, qPrintable(QString::number(v)));
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
      }
    QVERIFY(highest - lowest > 1e-3f);
    // The similarity column shows the selected clip's video against every row's audio.
    batches()->selectClip(4);
    for (int row = 0; row < 12; ++row)
      QCOMPARE(batches()->table()->item(row, BatchView::SimilarityColumn)->text(),
               QString::number(batches()->similarity(4, row), 'f', 3));
    // A click on a cell of another title's block shows that pair as an easy negative.
    int other = 0;
    while (batches()->groupOfRow(other) == batches()->groupOfRow(4)) ++other;
    QTest::mouseClick(batches()->heatmap(), Qt::LeftButton, {}, batches()->heatmap()->cellCentre(4, other));
    QVERIFY2(batches()->pairCaption().contains("easy negative"), qPrintable(batches()->pairCaption()));
    QVERIFY(batches()->pairCaption().contains(QString::number(batches()->similarity(4, other), 'f', 3)));
    batches()->showPair(4, 4);
    QVERIFY(batches()->pairCaption().contains("positive"));
    QTest::qWait(50);
    QVERIFY(window_->grab().save(binge::test::artifactDir() + "/batch-similarity.png"));
  }

  // Both tabs' sampler forms are the sampler's rows of the config table: every row has an editor (the
  // Sampling tab sets the kind itself), the ones a uniform sampler ignores are greyed out, and a value
  // out of its row's range is shown with core's message.
  void theSamplerFormsAreTheConfigTablesRows() {
    for (const ConfigField* field : samplerFields()) {
      const QString name = QString::fromStdString(field->flag);
      QVERIFY2(batches()->findChild<QWidget*>(objectNameFor(field->flag)), qPrintable(name));
      if (field->flag != "sampler") {
        QString sampling = objectNameFor(field->flag);
        sampling[0] = sampling[0].toUpper();
        QVERIFY2(window_->samplingView()->findChild<QWidget*>("sampling" + sampling), qPrintable(name));
      }
    }
    auto* kind = batches()->findChild<QComboBox*>("sampler");
    auto* titles = batches()->findChild<QSpinBox*>("titlesPerBatch");
    QVERIFY(kind && titles);
    kind->setCurrentText("uniform");
    QCOMPARE(batches()->samplerConfig().kind, std::string("uniform"));
    QVERIFY(!titles->isEnabled());
    kind->setCurrentText("hierarchical");
    QVERIFY(titles->isEnabled());
    titles->setValue(5);
    QCOMPARE(batches()->samplerConfig().titlesPerBatch, 5);

    auto* gap = batches()->findChild<QLineEdit*>("minGapSeconds");
    auto* problem = batches()->findChild<QLabel*>("samplerProblem");
    QVERIFY(gap && problem);
    gap->setText("-1");
    QVERIFY2(problem->text().contains("data.min_gap_seconds must be >= 0"), qPrintable(problem->text()));
    gap->setText("1.25");
    QCOMPARE(batches()->samplerConfig().minGapSeconds, 1.25);
    QVERIFY(problem->text().isEmpty());
  }

  void samplingViewComparesSamplers() {
    SamplingView* view = window_->samplingView();
    window_->tabs()->setCurrentWidget(view);
    SamplingSettings settings;
    settings.batches = 200;
    settings.sampler.batchSize = 12;
    settings.sampler.titlesPerBatch = 3;
    settings.sampler.minGapSeconds = 2.0;
    view->setSettings(settings);
    QSignalSpy computed(view, &SamplingView::computed);
    StallWatchdog watchdog;
    watchdog.start();
    view->compute();
    QVERIFY(computed.wait(60000));
    watchdog.stop();
    std::printf("compare samplers: %s\n", qPrintable(watchdog.report()));
    QVERIFY2(watchdog.withinBar(), qPrintable("while comparing samplers: " + watchdog.report()));
    const auto& s = view->summaries();
    QCOMPARE(int(s.size()), 2);
    QCOMPARE(s[0].kind, QString("uniform"));
    QVERIFY2(s[1].error.isEmpty(), qPrintable(s[1].error));
    QCOMPARE(s[1].batches, 200);
    // Hierarchical M×K gives (K−1)/(B−1) exactly; uniform over 8 titles far less.
    QCOMPARE(s[1].meanSameTitleShare, 3.0 / 11.0);
    QVERIFY(s[0].meanSameTitleShare < s[1].meanSameTitleShare / 1.5);
    QCOMPARE(s[1].distinctTitles.size(), size_t(1));
    QCOMPARE(s[1].distinctTitles.begin()->first, 3);
    for (int p = 0; p < SamplingView::PlotCount; ++p)
      QCOMPARE(view->plot(SamplingView::Plot(p))->plottableCount(), 2);

    const QString png = scratch_.filePath("clips-per-title.png");
    const QString pdf = scratch_.filePath("same-title.pdf");
    QVERIFY(view->exportPlot(SamplingView::ClipsPerTitlePlot, png));
    QVERIFY(view->exportPlot(SamplingView::SameTitleSharePlot, pdf));
    QVERIFY(QImage(png).width() >= 480);
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    QTest::qWait(50);
    QVERIFY(window_->grab().save(binge::test::artifactDir() + "/sampling-view.png"));
  }
};

QTEST_MAIN(TestBatchView)
#include "test_batch_view.moc"
