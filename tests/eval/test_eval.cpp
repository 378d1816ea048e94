// Evaluation: probes on synthetic features of known separability, folds, the Wilson interval,
// exact top-k, PCA, .npy output; then end to end through binge-cli on a small demo world: probe,
// retrieve (the query's own window first, cache reuse and invalidation) and export (read back by NumPy; TorchScript encoders run in Python).
#include "eval/Accuracy.h"
#include "eval/EmbeddingExport.h"
#include "eval/EmbeddingPca.h"
#include "eval/ProbeEvaluator.h"
#include "eval/NeighbourShares.h"
#include "eval/ProbeFolds.h"
#include "eval/RandomInitProbe.h"
#include "eval/TopKSearch.h"

#include "CliRunner.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace binge;
using binge::test::runCli;
using binge::test::runProgram;

namespace {

struct Clusters {
  torch::Tensor x;
  std::vector<int> labels;
  std::vector<std::string> groups;
};

// classes Gaussian clusters in dim dimensions, `perClass` items each, centres `separation` apart in
// scale (unit noise); items spread round-robin over `sources` groups so every source holds every class.
Clusters gaussianClusters(int classes, int perClass, int dim, double separation, int sources, std::uint64_t seed) {
  torch::manual_seed(seed);
  const auto centres = torch::randn({classes, dim}) * separation;
  Clusters c;
  std::vector<torch::Tensor> rows;
  for (int k = 0; k < classes; ++k)
    for (int i = 0; i < perClass; ++i) {
      rows.push_back(centres[k] + torch::randn({dim}));
      c.labels.push_back(k);
      c.groups.push_back("source" + std::to_string(i % sources));
    }
  c.x = torch::stack(rows);
  return c;
}

nlohmann::json parseJson(const QByteArray& out) { return nlohmann::json::parse(out.toStdString()); }

}  // namespace

class TestEval : public QObject {
  // An audio-only file: a sine tone at `hz`, at the given rate and channels, in the container (and its
  // default codec) that the path's extension names.
  static void tone(const QString& path, int hz, int rate, int channels) {
    const auto r = runProgram("ffmpeg", {"-v", "error", "-f", "lavfi", "-i",
                                         QString("sine=frequency=%1:duration=3:sample_rate=%2").arg(hz).arg(rate),
                                         "-ac", QString::number(channels), path});
    QVERIFY2(r.exitCode == 0, qPrintable(path + ": " + r.err));
  }

  // The random-init tiny model's probe report on `set`.
  static ProbeReport randomInitReport(const ProbeSet& set) {
    const TrainConfig config = loadPreset("tiny");
    const ProbeInputs inputs = loadProbeInputs(set, config);
    ProbeOptions options;
    options.retrieval = false;
    return probeRandomInit(config, inputs, torch::kCPU, options);
  }

  Q_OBJECT

 private slots:
  void initTestCase() { torch::set_num_threads(2); }

  void wilsonInterval() {
    // Reference values from the closed form (e.g. statsmodels proportion_confint(method="wilson")).
    const auto a = makeAccuracy(8, 10);
    QCOMPARE(a.value(), 0.8);
    QVERIFY(std::abs(a.low - 0.4902) < 1e-3);
    QVERIFY(std::abs(a.high - 0.9433) < 1e-3);
    const auto zero = makeAccuracy(0, 20);
    QCOMPARE(zero.low, 0.0);
    QVERIFY(zero.high > 0.1 && zero.high < 0.2);
  }

  void foldsBySourceNeverShareASource() {
    const auto c = gaussianClusters(4, 8, 4, 1.0, 4, 1);
    const auto folds = makeProbeFolds(c.labels, c.groups, 4, 3);
    QVERIFY(folds.bySource);
    QCOMPARE(folds.folds, 4);
    std::map<std::string, std::set<int>> foldsOfSource;
    for (size_t i = 0; i < c.labels.size(); ++i) foldsOfSource[c.groups[i]].insert(folds.foldOf[i]);
    for (const auto& [source, f] : foldsOfSource) QCOMPARE(static_cast<int>(f.size()), 1);
    // Unknown sources: stratified, every class in every fold, and seeded.
    const auto strat = makeProbeFolds(c.labels, {}, 4, 3);
    QVERIFY(!strat.bySource);
    std::set<std::pair<int, int>> classFold;
    for (size_t i = 0; i < c.labels.size(); ++i) classFold.insert({c.labels[i], strat.foldOf[i]});
    QCOMPARE(static_cast<int>(classFold.size()), 4 * 4);
    QCOMPARE(makeProbeFolds(c.labels, {}, 4, 3).foldOf, strat.foldOf);
    QVERIFY(makeProbeFolds(c.labels, {}, 4, 4).foldOf != strat.foldOf);
  }

  void probesOnGaussianClusters_data() {
    QTest::addColumn<double>("separation");
    QTest::addColumn<bool>("shuffleLabels");
    QTest::addColumn<double>("minAccuracy");
    QTest::addColumn<double>("maxAccuracy");
    // 8 classes: chance is 12.5 %.
    QTest::newRow("well separated") << 3.0 << false << 0.95 << 1.0;
    QTest::newRow("no signal") << 0.0 << false << 0.0 << 0.30;
    QTest::newRow("shuffled labels") << 3.0 << true << 0.0 << 0.30;
  }
  void probesOnGaussianClusters() {
    QFETCH(double, separation);
    QFETCH(bool, shuffleLabels);
    QFETCH(double, minAccuracy);
    QFETCH(double, maxAccuracy);
    auto c = gaussianClusters(8, 16, 32, separation, 4, 11);
    if (shuffleLabels) {
      std::mt19937_64 rng(5);
      std::shuffle(c.labels.begin(), c.labels.end(), rng);
    }
    const auto p = probeFeatures(c.x, c.labels, c.groups, 8);
    QVERIFY2(p.knn.value() >= minAccuracy && p.knn.value() <= maxAccuracy, std::to_string(p.knn.value()).c_str());
    QVERIFY2(p.linear.value() >= minAccuracy && p.linear.value() <= maxAccuracy, std::to_string(p.linear.value()).c_str());
    QCOMPARE(p.knn.total, 128);  // every item tested once across the folds
    QVERIFY(p.linear.low <= p.linear.value() && p.linear.value() <= p.linear.high);
    QCOMPARE(static_cast<int>(p.chosenWeightDecays.size()), 4);
  }

  void linearProbeUsesAllDimensions() {
    // Class information only in a direction kNN's cosine barely sees (a small offset on one of many
    // noisy dimensions): the standardised linear probe must find it.
    torch::manual_seed(2);
    const int n = 160;
    auto x = torch::randn({n, 64}) * 5;
    std::vector<int> labels;
    for (int i = 0; i < n; ++i) {
      labels.push_back(i % 2);
      x[i][7] = (i % 2 ? 1.0 : -1.0) + 0.2 * torch::randn({1}).item<double>();
    }
    const auto p = probeFeatures(x, labels, {}, 2);
    QVERIFY2(p.linear.value() > 0.9, std::to_string(p.linear.value()).c_str());
    QVERIFY2(p.knn.value() < 0.8, std::to_string(p.knn.value()).c_str());
  }

  void recallAtKByClass() {
    const auto c = gaussianClusters(4, 10, 16, 4.0, 1, 3);
    const auto r = recallAtK(c.x, c.x, c.labels);
    QVERIFY(r[0] > 0.95);
    auto shuffled = c.labels;
    std::mt19937_64 rng(1);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const auto s = recallAtK(c.x, c.x, shuffled);
    QVERIFY2(s[0] < 0.5, std::to_string(s[0]).c_str());
    QVERIFY(s[0] <= s[1] && s[1] <= s[2]);
  }

  void exactTopKMatchesSort() {
    torch::manual_seed(4);
    const auto db = torch::randn({10007, 32});
    const auto q = torch::randn({5, 32});
    const auto top = exactTopK(db, q, 10, /*blockRows=*/1000);  // many blocks and a ragged last one
    const auto ref = std::get<1>(torch::matmul(q, db.t()).sort(1, true)).slice(1, 0, 10);
    QVERIFY(torch::equal(top.indices, ref));
    QVERIFY((top.scores.slice(1, 0, 9) >= top.scores.slice(1, 1, 10)).all().item<bool>());
  }

  // Features that encode only the show find the same show and not the same class; features that
  // encode only the class, the reverse — the two faces of the probe plot's neighbour panel.
  void neighbourSharesTellShowFromEvent() {
    std::vector<int> labels;
    std::vector<std::string> shows;
    const int classes = 4, showCount = 5, perPair = 3;
    for (int c = 0; c < classes; ++c)
      for (int s = 0; s < showCount; ++s)
        for (int i = 0; i < perPair; ++i) {
          labels.push_back(c);
          shows.push_back("show" + std::to_string(s));
        }
    const auto n = static_cast<std::int64_t>(labels.size());
    auto byShow = torch::zeros({n, showCount + classes}), byClass = torch::zeros({n, showCount + classes});
    for (std::int64_t i = 0; i < n; ++i) {
      byShow[i][std::stoi(shows[static_cast<size_t>(i)].substr(4))] = 1;
      byClass[i][showCount + labels[static_cast<size_t>(i)]] = 1;
    }
    torch::manual_seed(5);
    const auto noise = 0.01 * torch::randn({n, showCount + classes});
    const auto s = neighbourShares(byShow + noise, labels, shows, 10);
    QCOMPARE(s.k, 10);
    QVERIFY2(s.sameShow > 0.99, std::to_string(s.sameShow).c_str());
    QVERIFY(s.sameClass < 0.4);
    QVERIFY(std::abs(s.sameClassChance - 14.0 / 59) < 1e-9);
    QVERIFY(std::abs(s.sameShowChance - 11.0 / 59) < 1e-9);
    const auto c = neighbourShares(byClass + noise, labels, shows, 10);
    QVERIFY2(c.sameClass > 0.99, std::to_string(c.sameClass).c_str());
    QVERIFY(c.sameShow < 0.4);
    // Shows unknown: the show share is not made up.
    QCOMPARE(neighbourShares(byClass, labels, std::vector<std::string>(labels.size()), 10).sameShow, -1.0);
  }

  void pcaFindsTheMainAxis() {
    std::mt19937_64 rng(9);
    std::normal_distribution<float> n;
    std::vector<float> data;
    const int rows = 200;
    for (int r = 0; r < rows; ++r) {
      const float t = 10 * n(rng);
      data.insert(data.end(), {t, 2 * t + 0.1f * n(rng), 0.1f * n(rng), 0.1f * n(rng)});
    }
    const auto p = pca2d(data, rows, 4);
    QCOMPARE(static_cast<int>(p.x.size()), rows);
    QVERIFY2(p.explainedVariance[0] > 0.99, std::to_string(p.explainedVariance[0]).c_str());
    // x follows the generating t (up to scale and the fixed sign convention).
    double dot = 0, nt = 0, nx = 0;
    for (int r = 0; r < rows; ++r) {
      dot += data[r * 4] * p.x[r];
      nt += data[r * 4] * data[r * 4];
      nx += p.x[r] * p.x[r];
    }
    QVERIFY(std::abs(dot) / std::sqrt(nt * nx) > 0.99);  // uncentred t: not exactly 1
  }

  void npyReadsBackInNumpy() {
    QTemporaryDir dir;
    const auto m = torch::arange(0, 12, torch::kFloat).reshape({3, 4}) / 4;
    const auto file = dir.filePath("m.npy").toStdString();
    writeNpy(file, m);
    const auto r = runProgram("/usr/bin/python3",
                              {"-c", "import numpy as np,sys; a=np.load(sys.argv[1]); print(a.dtype, a.shape, repr(float(a[2,3])))",
                               QString::fromStdString(file)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("float32 (3, 4) 2.75"));
  }

  // The field's own probe-set layouts, generated here: ESC-50 (audio only, labels and folds in a CSV,
  // files at three sample rates and channel counts), UCF101 (class folders of video-only files plus the
  // official test lists) and class folders of audio in several containers. Each probe runs the
  // modalities its files have, says which it skipped, and uses the set's own folds where given.
  void esc50LayoutIsAudioOnlyWithOfficialFolds() {
    QTemporaryDir dir;
    const QString root = dir.filePath("ESC-50");
    QDir().mkpath(root + "/audio");
    QDir().mkpath(root + "/meta");
    QByteArray csv = "filename,fold,target,category,esc10,src_file,take\n";
    for (int c = 0; c < 3; ++c)
      for (int k = 0; k < 10; ++k) {
        const int fold = k % 5 + 1;
        const QString file = QString("%1-%2-A-%3.wav").arg(fold).arg(100 + 10 * c + k).arg(c);
        tone(root + "/audio/" + file, 300 + 900 * c + 7 * k, c == 1 ? 22050 : 44100, c == 2 ? 2 : 1);
        csv += QString("%1,%2,%3,class%3,False,src%4,A\n").arg(file).arg(fold).arg(c).arg(100 + 10 * c + k).toUtf8();
      }
    QFile meta(root + "/meta/esc50.csv");
    QVERIFY(meta.open(QIODevice::WriteOnly));
    meta.write(csv);
    meta.close();
    const ProbeSet set = loadProbeSet(root.toStdString());
    QCOMPARE(QString::fromStdString(set.layout), QString("esc50"));
    QCOMPARE(set.classes, (std::vector<std::string>{"class0", "class1", "class2"}));
    QVERIFY(set.foldsGiven() && set.groupsKnown());
    const ProbeReport r = randomInitReport(set);
    QVERIFY(!r.video.run && r.audio.run && !r.both.run);
    QCOMPARE(r.skipped.size(), std::size_t{1});
    QVERIFY2(QString::fromStdString(r.skipped[0]).startsWith("video: 30 of 30 items have no video stream"),
             r.skipped[0].c_str());
    QCOMPARE(QString::fromStdString(r.split), QString("5 official folds"));
    QVERIFY2(r.audio.linear.value() > 0.9, std::to_string(r.audio.linear.value()).c_str());  // tones 900 Hz apart
    // A list naming a file that is not there is refused with the list, the line and the file.
    meta.open(QIODevice::Append);
    meta.write("9-999-A-0.wav,1,0,class0,False,src999,A\n");
    meta.close();
    try {
      loadProbeSet(root.toStdString());
      QFAIL("a missing file was accepted");
    } catch (const ProbeSetError& e) {
      QVERIFY2(QString(e.what()).contains("esc50.csv:32") && QString(e.what()).contains("9-999-A-0.wav"), e.what());
    }
  }

  void ucf101LayoutIsVideoOnlyWithItsSplitLists() {
    QTemporaryDir dir;
    const QString root = dir.filePath("UCF-101"), lists = dir.filePath("ucfTrainTestlist");
    QDir().mkpath(lists);
    QByteArray test[3];
    for (const QString cls : {"Drumming", "Skiing"}) {
      QDir().mkpath(root + "/" + cls);
      for (int g = 1; g <= 6; ++g)
        for (int c = 1; c <= 2; ++c) {
          const QString rel = QString("%1/v_%1_g%2_c%3.avi").arg(cls).arg(g, 2, 10, QChar('0')).arg(c, 2, 10, QChar('0'));
          const auto r = runProgram("ffmpeg", {"-v", "error", "-f", "lavfi", "-i",
                                               (cls == "Drumming" ? "testsrc" : "smptebars") + QString("=size=160x120:rate=15:duration=2"),
                                               "-pix_fmt", "yuv420p", root + "/" + rel});
          QVERIFY2(r.exitCode == 0, r.err.constData());
          test[(g - 1) / 2] += rel.toUtf8() + "\n";
        }
    }
    for (int k = 0; k < 3; ++k) {
      QFile f(lists + QString("/testlist0%1.txt").arg(k + 1));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(test[k]);
    }
    const ProbeSet set = loadProbeSet(root.toStdString());
    QCOMPARE(QString::fromStdString(set.layout), QString("ucf101"));
    QCOMPARE(set.items.size(), std::size_t{24});
    QCOMPARE(QString::fromStdString(set.items[0].group), QString("g01"));
    QVERIFY(set.foldsGiven());
    const ProbeReport r = randomInitReport(set);
    QVERIFY(r.video.run && !r.audio.run);
    QVERIFY2(QString::fromStdString(r.skipped.at(0)).startsWith("audio: 24 of 24 items have no audio stream"),
             r.skipped.at(0).c_str());
    QCOMPARE(QString::fromStdString(r.split), QString("3 official folds"));
  }

  void classFoldersOfAudioInManyContainers() {
    QTemporaryDir dir;
    const QString root = dir.filePath("sounds");
    const char* formats[] = {"flac", "ogg", "mp3", "m4a"};
    for (int c = 0; c < 2; ++c) {
      QDir().mkpath(root + QString("/class%1").arg(c));
      for (int k = 0; k < 8; ++k)
        tone(root + QString("/class%1/item%2.%3").arg(c).arg(k).arg(formats[k % 4]), 400 + 1500 * c + 11 * k,
             k % 2 ? 48000 : 8000, k % 3 ? 1 : 2);
    }
    const ProbeSet set = loadProbeSet(root.toStdString());
    QCOMPARE(QString::fromStdString(set.layout), QString("folders"));
    QCOMPARE(set.items.size(), std::size_t{16});
    const ProbeReport r = randomInitReport(set);
    QVERIFY(!r.video.run && r.audio.run);
    QCOMPARE(r.audio.knn.total, 16);
  }

  void probeRetrieveExportThroughTheCli() {
    QTemporaryDir dir;
    const QString world = dir.filePath("world"), lib = dir.filePath("world/library.json"), run = dir.filePath("run");
    auto r = runCli({"demo", "--out", world, "--titles", "4", "--minutes", "0.25", "--probe-per-class", "6",
                     "--probe-seconds", "3"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"import", "--library", lib, world + "/titles"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"train", "--library", lib, "--run", run, "--steps", "3", "--batch", "8", "--titles-per-batch", "2",
                "--probe", world + "/probe", "--probe-every", "2", "--seed", "3"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());

    // Live probes at the interval (step 2) and always at the last step (3), each with accuracies and
    // intervals for video and audio, the random-init baseline, neighbour shares and its own cost.
    std::vector<nlohmann::json> probes;
    std::ifstream events((run + "/events.jsonl").toStdString());
    for (std::string line; std::getline(events, line);)
      if (line.find("\"probe\"") != std::string::npos) probes.push_back(nlohmann::json::parse(line));
    QCOMPARE(probes.size(), size_t{2});
    QCOMPARE(probes[0]["step"].get<int>(), 2);
    QCOMPARE(probes[1]["step"].get<int>(), 3);
    for (const auto& probe : probes) {
      for (const char* modality : {"video", "audio"}) {
        for (const char* kind : {"knn", "linear"}) {
          const double a = probe[modality][kind].get<double>();
          QVERIFY(a >= 0 && a <= 1);
          const auto ci = probe[modality][std::string(kind) + "_ci"];
          QVERIFY(ci[0].get<double>() <= a && a <= ci[1].get<double>());
          const double base = probe["random_init"][modality][kind].get<double>();
          QVERIFY(base >= 0 && base <= 1);
        }
        const auto& n = probe[modality]["neighbours"];
        QCOMPARE(n["k"].get<int>(), 10);
        QVERIFY(n["same_class"].get<double>() >= 0 && n["same_class"].get<double>() <= 1);
        // 6 items of each of 8 classes: 5 of the other 47 share an item's class.
        QVERIFY(std::abs(n["same_class_chance"].get<double>() - 5.0 / 47) < 1e-9);
        QVERIFY(n["same_show"].is_number());  // the demo's ground truth names every item's show
      }
      QCOMPARE(probe["clips_per_item"].get<int>(), 1);
      QVERIFY(probe["probe_seconds"].get<double>() > 0);
      QVERIFY(probe["share_of_interval"].get<double>() > 0);
    }
    // The figure of the probe curve: the run's sampler as a group, the random-init line and chance.
    {
      const QString svg = dir.filePath("probe.svg");
      auto f = runCli({"figure", "--out", svg, run, "--modality", "audio"});
      QVERIFY2(f.exitCode == 0, f.err.constData());
      QFile file(svg);
      QVERIFY(file.open(QIODevice::ReadOnly));
      const QByteArray text = file.readAll();
      QVERIFY(text.startsWith("<svg") && text.contains("<polyline") && text.contains("hierarchical (n = 1)"));
      QVERIFY(text.contains("random init") && text.contains("chance 12.5 %"));
      f = runCli({"figure", "--out", svg, dir.filePath("no-such-run")});
      QCOMPARE(f.exitCode, 2);
    }
    // The baseline is the same in every event and cached in the run directory for the next start.
    QCOMPARE(probes[0]["random_init"], probes[1]["random_init"]);
    const auto cached = nlohmann::json::parse(std::ifstream((run + "/probe_baseline.json").toStdString()));
    QCOMPARE(cached["random_init"], probes[0]["random_init"]);

    // Probe: every item tested once, intervals around the estimates, folds by source (ground truth).
    r = runCli({"probe", "--run", run, "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto doc = parseJson(r.out);
    QCOMPARE(doc["items"].get<int>(), 48);
    QCOMPARE(doc["classes"].size(), size_t{8});
    QVERIFY(doc["split"].get<std::string>().find("by source") != std::string::npos);
    for (const char* modality : {"video", "audio", "both"})
      for (const char* probe : {"knn", "linear"}) {
        const auto& a = doc[modality][probe];
        QCOMPARE(a["total"].get<int>(), 48);
        QVERIFY(a["low"].get<double>() <= a["accuracy"].get<double>() && a["accuracy"].get<double>() <= a["high"].get<double>());
      }
    QVERIFY2(doc["total_seconds"].get<double>() < 30, "probe on the demo set must take <= 30 s (tiny preset)");
    QVERIFY(doc["video"]["neighbours"]["same_show"].is_number());
    r = runCli({"probe", "--run", run, "--random-init", "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseJson(r.out)["checkpoint"].get<std::string>(), std::string("random-init"));
    r = runCli({"probe", "--run", run, "--probe", dir.filePath("nowhere")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("nowhere"));

    // Retrieval: a window's own video finds itself first (cosine 1); the index is cached.
    const auto library = nlohmann::json::parse(std::ifstream(lib.toStdString()));
    const std::string title = library["titles"][1]["id"].get<std::string>();
    const QString query = QString::fromStdString(title) + "@5.5";
    r = runCli({"retrieve", "--run", run, "--query", query, "--direction", "v2v", "--k", "5", "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    doc = parseJson(r.out);
    QCOMPARE(doc["index"]["cached"].get<bool>(), false);
    QCOMPARE(doc["results"].size(), size_t{5});
    QCOMPARE(doc["results"][0]["title"].get<std::string>(), title);
    QCOMPARE(doc["results"][0]["time"].get<double>(), 5.0);
    QVERIFY(doc["results"][0]["score"].get<double>() > 0.9999);
    r = runCli({"retrieve", "--run", run, "--query", query, "--direction", "a2v", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseJson(r.out)["index"]["cached"].get<bool>(), true);
    r = runCli({"retrieve", "--run", run, "--query", "no-such-title@1"});
    QCOMPARE(r.exitCode, 2);
    r = runCli({"retrieve", "--run", run, "--query", query, "--direction", "sideways"});
    QCOMPARE(r.exitCode, 2);

    // A new checkpoint invalidates the cache; so does a changed library file.
    r = runCli({"train", "--run", run, "--resume", "--steps", "4"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli({"retrieve", "--run", run, "--query", query, "--json"}, 300000);
    QCOMPARE(parseJson(r.out)["index"]["cached"].get<bool>(), false);
    auto edited = library;
    edited["titles"][0]["name"] = "Renamed title";
    std::ofstream(lib.toStdString()) << edited.dump(2);
    r = runCli({"retrieve", "--run", run, "--query", query, "--json"}, 300000);
    doc = parseJson(r.out);
    QCOMPARE(doc["index"]["cached"].get<bool>(), false);
    r = runCli({"retrieve", "--run", run, "--query", query, "--json"});
    QCOMPARE(parseJson(r.out)["index"]["cached"].get<bool>(), true);
    const int windows = doc["index"]["windows"].get<int>();

    // Export: .npy and TSV files that NumPy and a line count read back consistently.
    const QString out = dir.filePath("export");
    r = runCli({"export", "--run", run, "--out", out, "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(parseJson(r.out)["rows"].get<int>(), windows);
    r = runProgram("/usr/bin/python3",
                   {"-c",
                    "import numpy as np,sys; d=sys.argv[1]; v=np.load(d+'/video_embeddings.npy'); a=np.load(d+'/audio_embeddings.npy');"
                    "m=open(d+'/metadata.tsv').read().splitlines(); p=np.loadtxt(d+'/projector/vectors.tsv', ndmin=2);"
                    "pm=open(d+'/projector/metadata.tsv').read().splitlines();"
                    "assert v.shape==a.shape==p.shape and len(m)==len(pm)==v.shape[0]+1, (v.shape,p.shape,len(m));"
                    "assert np.allclose(np.linalg.norm(v,axis=1),1,atol=1e-4) and np.allclose(p,v,atol=1e-5);"
                    "print(v.shape[0])",
                    out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed().toInt(), windows);

    // The TorchScript encoders load in Python and map inputs of the contract's shapes into the
    // embedding space the exported .npy files live in.
    r = runProgram("/usr/bin/python3",
                   {"-c",
                    "import json,sys,torch,numpy as np; d=sys.argv[1]; c=json.load(open(d+'/encoders.json'))\n"
                    "for m in ('video','audio'):\n"
                    "  enc=torch.jit.load(d+'/'+c[m]['file']); shape=[2]+c[m]['input_shape'][1:]\n"
                    "  z=enc.embed(torch.randn(shape)); f=enc(torch.randn(shape))\n"
                    "  assert z.shape[1]==np.load(d+'/'+m+'_embeddings.npy').shape[1] and f.shape[0]==2, (z.shape,f.shape)\n"
                    "  assert torch.allclose(z.norm(dim=1), torch.ones(2), atol=1e-5)\n"
                    "print('ok')",
                    out},
                   120000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("ok"));
  }
};

QTEST_GUILESS_MAIN(TestEval)
#include "test_eval.moc"
