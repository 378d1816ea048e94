// Samplers and batch statistics on a synthetic library (no media needed: the sampler sees durations).
#include "sampling/BatchStatistics.h"
#include "sampling/ClipIndex.h"
#include "sampling/HierarchicalSampler.h"
#include "sampling/Sampler.h"

#include <QtTest>

#include <map>
#include <set>

using namespace binge;

namespace {
// 12 titles: 4 series × 2 episodes of 120 s and 4 movies of 60…240 s.
Library syntheticLibrary() {
  Library library;
  auto add = [&](const std::string& id, const std::string& series, double duration) {
    Title t;
    t.id = id;
    t.path = "/media/" + id + ".mp4";
    t.series = series;
    t.kind = series.empty() ? TitleKind::Movie : TitleKind::Episode;
    t.duration = duration;
    t.video = VideoStreamInfo{"h264", 160, 120, 15.0, 1, 15, 0};
    t.audio = AudioStreamInfo{"aac", 16000, 1, "fltp"};
    library.titles.push_back(t);
  };
  for (int s = 0; s < 4; ++s)
    for (int e = 0; e < 2; ++e) add("s" + std::to_string(s) + "e" + std::to_string(e), "Series " + std::to_string(s), 120.0);
  for (int m = 0; m < 4; ++m) add("movie" + std::to_string(m), "", 60.0 * (m + 1));
  Title broken;
  broken.id = "broken";
  broken.path = "/media/broken.mp4";
  broken.status = TitleStatus::Error;
  broken.message = "moov atom not found";
  library.titles.push_back(broken);
  return library;
}

SamplerConfig config(const std::string& kind, int batch = 16, int titles = 4, double gap = 2.0, std::uint64_t seed = 7) {
  SamplerConfig c;
  c.kind = kind;
  c.batchSize = batch;
  c.titlesPerBatch = titles;
  c.minGapSeconds = gap;
  c.seed = seed;
  return c;
}
}  // namespace

class TestSampling : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void indexCountsWindowsAndKeepsExclusions() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    QCOMPARE(static_cast<int>(index.titles().size()), 12);
    QCOMPARE(index.windowCount(), std::int64_t(8 * 120 + 60 + 120 + 180 + 240));
    QCOMPARE(static_cast<int>(index.excluded().size()), 1);
    QCOMPARE(QString::fromStdString(index.excluded()[0].reason), QString("moov atom not found"));
    const ClipIndex strided(library, 1.0, 2.5);
    QCOMPARE(strided.titles()[0].windowCount, 48);  // starts 0, 2.5, …, 117.5 (ends ≤ 120)
  }

  void splitByTitleKeepsTitlesApart() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    const auto [train, val] = index.splitByTitle(0.25, 3);
    QCOMPARE(static_cast<int>(train.titles().size() + val.titles().size()), 12);
    QCOMPARE(static_cast<int>(val.titles().size()), 3);
    std::set<std::string> ids;
    for (const auto& t : train.titles()) ids.insert(t.id);
    for (const auto& t : val.titles()) QVERIFY(!ids.count(t.id));
  }

  void sameTitleShare_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("expectedLow");
    QTest::addColumn<double>("expectedHigh");
    // Hierarchical M=4, K=4 of B=16: exactly (K−1)/(B−1) = 0.2.
    QTest::newRow("hierarchical") << "hierarchical" << 0.2 << 0.2;
    // Uniform over 1,560 windows of 12 titles: some same-title pairs by chance, far below 0.2.
    QTest::newRow("uniform") << "uniform" << 0.0 << 0.15;
    // Title-balanced: 16 draws from a 12-title cycle, so a few titles appear twice per batch.
    QTest::newRow("title-balanced") << "title-balanced" << 0.0 << 0.1;
  }
  void sameTitleShare() {
    QFETCH(QString, kind);
    QFETCH(double, expectedLow);
    QFETCH(double, expectedHigh);
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config(kind.toStdString()));
    SamplingReport report(index);
    for (int b = 0; b < 200; ++b) report.add(sampler->nextBatch());
    QVERIFY2(report.meanSameTitleNegativeShare() >= expectedLow - 1e-12 &&
                 report.meanSameTitleNegativeShare() <= expectedHigh + 1e-12,
             qPrintable(QString::number(report.meanSameTitleNegativeShare())));
    QCOMPARE(report.titleCoverage(), 1.0);
  }

  void hierarchicalBatchesHaveMTitlesOfKClipsApart() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config("hierarchical", 24, 3, 5.0));
    for (int b = 0; b < 100; ++b) {
      const auto batch = sampler->nextBatch();
      QCOMPARE(static_cast<int>(batch.size()), 24);
      const auto stats = computeBatchStatistics(index, batch);
      QCOMPARE(stats.distinctTitles, 3);
      QCOMPARE(stats.clipsPerTitle, (std::vector<int>{8, 8, 8}));
      QVERIFY2(stats.minSameTitleGap >= 5.0 - 1e-9, qPrintable(QString::number(stats.minSameTitleGap)));
      QCOMPARE(stats.sameTitleNegativeShare, 7.0 / 23.0);
    }
  }

  void titlesComeOncePerEpoch() {
    // 12 titles, M = 4: every 3 batches are one epoch over the titles, each title exactly once.
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config("hierarchical", 8, 4, 2.0));
    for (int epoch = 0; epoch < 5; ++epoch) {
      std::multiset<int> titles;
      for (int b = 0; b < 3; ++b)
        for (const auto& clip : sampler->nextBatch()) titles.insert(clip.entry);
      for (int e = 0; e < 12; ++e) QCOMPARE(static_cast<int>(titles.count(e)), 2);
    }
  }

  void uniformHasNoRepeatsWithinAnEpoch() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config("uniform", 20));
    SamplingReport report(index);
    const int batchesPerEpoch = static_cast<int>(index.windowCount() / 20);  // 1560 / 20 = 78
    for (int b = 0; b < batchesPerEpoch; ++b) report.add(sampler->nextBatch());
    QCOMPARE(report.repeatedWindows(), std::int64_t(0));
    QCOMPARE(report.windowCoverage(), 1.0);
    QCOMPARE(sampler->epoch(), std::int64_t(0));
    sampler->nextBatch();
    QCOMPARE(sampler->epoch(), std::int64_t(1));
  }

  void windowsDoNotRepeatWithinATitleRound() {
    // One 120 s title has 120 windows; with K = 4 its pool lasts 30 of its turns without a repeat.
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config("hierarchical", 16, 4, 1.0));
    std::map<int, std::set<int>> seen;
    for (int b = 0; b < 3 * 15; ++b)  // 15 epochs over titles: 60 windows of each title
      for (const auto& clip : sampler->nextBatch()) QVERIFY(seen[clip.entry].insert(clip.window).second);
  }

  void sameSeedSameSequenceOtherSeedOther() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    for (const auto& kind : samplerKinds()) {
      auto a = makeSampler(index, config(kind, 16, 4, 2.0, 1));
      auto b = makeSampler(index, config(kind, 16, 4, 2.0, 1));
      auto c = makeSampler(index, config(kind, 16, 4, 2.0, 2));
      bool differs = false;
      for (int i = 0; i < 10; ++i) {
        const auto ba = a->nextBatch(), bb = b->nextBatch(), bc = c->nextBatch();
        for (size_t k = 0; k < ba.size(); ++k) {
          QCOMPARE(ba[k].entry, bb[k].entry);
          QCOMPARE(ba[k].window, bb[k].window);
          differs |= ba[k].entry != bc[k].entry || ba[k].window != bc[k].window;
        }
      }
      QVERIFY(differs);
    }
  }

  void resumeContinuesTheSameSequence() {
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    for (const auto& kind : samplerKinds()) {
      auto uninterrupted = makeSampler(index, config(kind));
      auto first = makeSampler(index, config(kind));
      for (int i = 0; i < 37; ++i) {
        uninterrupted->nextBatch();
        first->nextBatch();
      }
      const nlohmann::json saved = nlohmann::json::parse(first->state().dump());
      auto resumed = makeSampler(index, config(kind));
      resumed->restore(saved);
      QCOMPARE(resumed->batchesDrawn(), std::int64_t(37));
      for (int i = 0; i < 20; ++i) {
        const auto x = uninterrupted->nextBatch(), y = resumed->nextBatch();
        for (size_t k = 0; k < x.size(); ++k) {
          QCOMPARE(x[k].entry, y[k].entry);
          QCOMPARE(x[k].window, y[k].window);
        }
      }
      auto other = makeSampler(index, config(kind, 16, 4, 2.0, 99));
      QVERIFY_THROWS_EXCEPTION(std::invalid_argument, other->restore(saved));
    }
  }

  void invalidParametersAreClear_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("titles");
    QTest::addColumn<double>("gap");
    QTest::addColumn<QString>("message");
    QTest::newRow("B not divisible by M") << "hierarchical" << 30 << 4 << 2.0 << "not divisible";
    QTest::newRow("K too large for the gap") << "hierarchical" << 64 << 2 << 10.0 << "titles can give";
    QTest::newRow("unknown kind") << "random" << 16 << 4 << 2.0 << "unknown sampler";
  }
  void invalidParametersAreClear() {
    QFETCH(QString, kind);
    QFETCH(int, batch);
    QFETCH(int, titles);
    QFETCH(double, gap);
    QFETCH(QString, message);
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    try {
      makeSampler(index, config(kind.toStdString(), batch, titles, gap));
      QFAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains(message), e.what());
    }
  }

  void shortTitlesAreLeftOutWithANote() {
    // K = 8 clips 10 s apart need 71 s: the 60 s movie cannot give them.
    const Library library = syntheticLibrary();
    const ClipIndex index(library, 1.0);
    auto sampler = makeSampler(index, config("hierarchical", 16, 2, 10.0));
    QCOMPARE(static_cast<int>(sampler->notes().size()), 1);
    QVERIFY(QString::fromStdString(sampler->notes()[0]).contains("movie0"));
    QCOMPARE(HierarchicalSampler::maxClipsAtGap(index.titles()[8], 1.0, 10.0), 6);
  }
};

QTEST_GUILESS_MAIN(TestSampling)
#include "test_sampling.moc"
