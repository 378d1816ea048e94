// core/train and `binge-cli train`: the loss against hand-computed values and numeric gradients, the
// schedule, presets and config validation, the event log reader, checkpoints, and — with binge-cli as a
// child process — the run directory's shape, stop via stdin and SIGTERM, kill -9 then resume, resume
// equivalence and usage errors. Child runs use a very small tiny-preset variant so the suite stays fast.
// LibTorch before Qt: Qt's keyword macros break LibTorch headers (docs/architecture.md, Dependencies and traps).
#include "runtime/FileLock.h"
#include "train/Checkpoint.h"
#include "train/ContrastiveLoss.h"
#include "train/EventLog.h"
#include "train/HardnessStats.h"
#include "train/LearningRateSchedule.h"
#include "train/RunDirectory.h"
#include "train/SyntheticBatchSource.h"
#include "train/TrainConfig.h"

#include "CliRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <cmath>
#include <fstream>
#include <unistd.h>

using namespace binge;
using binge::test::runCli;

namespace {

// A tiny-preset variant that trains a step in milliseconds: narrow encoders, 32² crops, batch 4.
const char* kFastConfig = "{" "  \"model\": {\"tiny_width\": 8, \"head_hidden_dim\": 32, \"embedding_dim\": 16}," "  \"data\": {\"batch_size\": 4, \"titles_per_batch\": 2, \"crop_size\": 32," "           \"clip\": {\"short_side\": 36, \"mel_bins\": 16, \"audio_seconds\": 0.5}}," "  \"schedule\": {\"warmup_steps\": 2}," "  \"log_every\": 1, \"batch_event_every\": 2, \"checkpoint_every\": 2, \"keep_checkpoints\": 2" "}";

QString writeFastConfig(const QTemporaryDir& dir) {
  const QString path = dir.filePath("fast.json");
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(kFastConfig);
  return path;
}

QString cliPath() { return QProcessEnvironment::systemEnvironment().value("BINGE_CLI", "binge-cli"); }

std::vector<nlohmann::json> eventsOf(const QString& run, const std::string& type = {}) {
  std::vector<nlohmann::json> out;
  const auto path = std::filesystem::path(run.toStdString()) / "events.jsonl";
  if (!std::filesystem::exists(path)) return out;
  for (auto& e : readEvents(path))
    if (type.empty() || e.value("type", "") == type) out.push_back(std::move(e));
  return out;
}

// Waits until `done` holds or the process ends or the timeout passes.
template <typename Pred>
bool waitUntil(QProcess& process, Pred done, int timeoutMs = 60000) {
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < timeoutMs) {
    if (done()) return true;
    if (process.state() == QProcess::NotRunning) return done();
    process.waitForReadyRead(50);  // also drains stderr so the child never blocks on a full pipe
    process.readAllStandardError();
  }
  return false;
}

// A synthetic trainer on the fast config, one thread, with more steps than any test waits for: it runs
// until the test stops or kills it.
void startEndlessTrainer(QProcess& process, const QTemporaryDir& dir, const QString& run, const QStringList& extra) {
  process.start(cliPath(), QStringList{"--threads", "1", "train", "--synthetic", "--run", run, "--config",
                                       writeFastConfig(dir), "--steps", "100000"} + extra);
}

// Loads the newest checkpoint of a run into a freshly built model and optimizer; returns its step.
std::int64_t loadLatestCheckpoint(const QString& runPath) {
  RunDirectory run = RunDirectory::open(runPath.toStdString());
  const TrainConfig config = trainConfigFromJson(run.config());
  AudioVisualModel model(config.model);
  ContrastiveLoss loss(config.loss);
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));
  const auto files = run.checkpoints();
  if (files.empty()) throw std::runtime_error("no checkpoint");
  const auto meta = loadCheckpoint(files.front().path, {model, loss, optimizer});
  return meta.at("step").get<std::int64_t>();
}

QStringList lossColumn(const QString& run) {
  QFile f(run + "/metrics.csv");
  if (!f.open(QIODevice::ReadOnly)) return {};
  QStringList losses;
  const auto lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
  for (int i = 1; i < lines.size(); ++i) losses << lines[i].section(',', 0, 1);  // "step,loss"
  return losses;
}

}  // namespace

class TestTrain : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // ---- loss -------------------------------------------------------------------------------------------
  void infoNceMatchesHandComputedValue() {
    // zv = [[1,0],[0,1]], za = [[1,0],[0.6,0.8]], τ = 0.5 → logits = 2·zv·zaᵀ = [[2,1.2],[0,1.6]].
    const auto zv = torch::tensor({1.0, 0.0, 0.0, 1.0}, torch::kDouble).view({2, 2});
    const auto za = torch::tensor({1.0, 0.0, 0.6, 0.8}, torch::kDouble).view({2, 2});
    const double rows = (-2 + std::log(std::exp(2) + std::exp(1.2))) + (-1.6 + std::log(std::exp(0) + std::exp(1.6)));
    const double cols = (-2 + std::log(std::exp(2) + std::exp(0))) + (-1.6 + std::log(std::exp(1.2) + std::exp(1.6)));
    const double expected = 0.5 * (rows / 2 + cols / 2);  // = 0.2987362…
    const double got = symmetricInfoNce(zv, za, torch::tensor(2.0, torch::kDouble)).item<double>();
    QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
    QVERIFY(std::abs(expected - 0.2987362) < 1e-6);  // the formula above, worked out by hand

    // The module applies τ from the config (0.5 here) the same way.
    LossConfig config;
    config.temperature = 0.5;
    ContrastiveLoss loss(config);
    QVERIFY(std::abs(loss->forward(zv.to(torch::kFloat), za.to(torch::kFloat)).item<double>() - expected) < 1e-5);
  }

  void infoNceGradientMatchesNumeric() {
    torch::manual_seed(3);
    auto zv = torch::randn({3, 4}, torch::kDouble).requires_grad_(true);
    auto za = torch::randn({3, 4}, torch::kDouble).requires_grad_(true);
    auto scale = torch::tensor(1.0 / 0.07, torch::kDouble).requires_grad_(true);
    symmetricInfoNce(zv, za, scale).backward();
    const double h = 1e-6;
    for (auto* t : {&zv, &za, &scale}) {
      const auto flat = t->detach().view(-1);
      const auto grad = t->grad().view(-1);
      for (int64_t i = 0; i < flat.numel(); ++i) {
        torch::NoGradGuard noGrad;
        const double original = flat[i].item<double>();
        flat[i] = original + h;
        const double up = symmetricInfoNce(zv, za, scale).item<double>();
        flat[i] = original - h;
        const double down = symmetricInfoNce(zv, za, scale).item<double>();
        flat[i] = original;
        const double numeric = (up - down) / (2 * h);
        QVERIFY2(std::abs(numeric - grad[i].item<double>()) < 1e-5 * std::max(1.0, std::abs(numeric)),
                 qPrintable(QString("element %1: numeric %2, autograd %3").arg(i).arg(numeric).arg(grad[i].item<double>())));
      }
    }
  }

  void learnableTemperatureLearns() {
    LossConfig config;
    config.learnableTemperature = true;
    ContrastiveLoss loss(config);
    QCOMPARE(loss->parameters().size(), size_t{1});
    QVERIFY(std::abs(loss->temperature() - 0.07) < 1e-6);
    const auto z = torch::nn::functional::normalize(torch::randn({4, 8}), torch::nn::functional::NormalizeFuncOptions().dim(1));
    loss->forward(z, z).backward();
    QVERIFY(loss->parameters()[0].grad().defined());
    QVERIFY(loss->parameters()[0].grad().abs().item<double>() > 0);
    // Fixed temperature: nothing to learn.
    QCOMPARE(ContrastiveLoss(LossConfig{})->parameters().size(), size_t{0});
  }

  // ---- schedule, config ---------------------------------------------------------------------------------
  void scheduleWarmsUpThenDecays() {
    OptimizerConfig o;
    o.lr = 1.0;
    ScheduleConfig s;
    s.warmupSteps = 10;
    QCOMPARE(learningRate(o, s, 1, 110), 0.1);
    QCOMPARE(learningRate(o, s, 10, 110), 1.0);
    QVERIFY(std::abs(learningRate(o, s, 60, 110) - 0.5) < 1e-12);  // half way through the cosine
    QVERIFY(learningRate(o, s, 110, 110) < 1e-12);
    s.kind = "constant";
    QCOMPARE(learningRate(o, s, 100, 110), 1.0);
  }

  void presetsLoad() {
    const TrainConfig tiny = loadPreset("tiny");
    QCOMPARE(tiny.model.architecture, std::string("tiny"));
    QCOMPARE(tiny.data.sampler.batchSize, 32);
    QCOMPARE(tiny.data.cropSize, 64);
    QCOMPARE(tiny.data.clip.fps, 8.0);
    QCOMPARE(tiny.data.clip.melBins, 64);
    QCOMPARE(tiny.optimizer.lr, 1e-3);
    QCOMPARE(tiny.loss.temperature, 0.07);
    const TrainConfig paper = loadPreset("paper");
    QCOMPARE(paper.model.architecture, std::string("paper"));
    QCOMPARE(paper.data.sampler.batchSize, 256);
    QCOMPARE(paper.data.cropSize, 112);
    QCOMPARE(paper.data.clip.fps, 16.0);
    QCOMPARE(paper.data.clip.melBins, 80);
    QCOMPARE(melFrames(paper.data.clip), 201);  // the Python reference's audio frames
    QCOMPARE(paper.optimizer.lr, 2e-4);
    // JSON round trip is lossless.
    QCOMPARE(toJson(trainConfigFromJson(toJson(paper))), toJson(paper));
  }

  void badConfigsAreRejected_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("negative lr") << "{\"optimizer\": {\"lr\": -0.1}}" << "optimizer.lr";
    QTest::newRow("unknown key") << "{\"optimizer\": {\"learning_rate\": 0.1}}" << "optimizer.learning_rate";
    QTest::newRow("wrong type") << "{\"steps\": \"many\"}" << "steps";
    QTest::newRow("batch vs titles") << "{\"data\": {\"batch_size\": 10, \"titles_per_batch\": 4}}" << "data.batch_size and data.titles_per_batch: batch size 10 is not divisible";
    QTest::newRow("unknown sampler") << "{\"data\": {\"sampler\": \"random\"}}" << "data.sampler";
    QTest::newRow("unknown architecture") << "{\"model\": {\"architecture\": \"vit\"}}" << "model.architecture";
    QTest::newRow("zero temperature") << "{\"loss\": {\"temperature\": 0}}" << "loss.temperature";
  }
  void badConfigsAreRejected() {
    QFETCH(QString, json);
    QFETCH(QString, mentions);
    try {
      TrainConfig config = loadPreset("tiny");
      config.synthetic = true;
      applyJson(config, nlohmann::json::parse(json.toStdString()));
      validate(config);
      QFAIL("accepted");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(QString(e.what()).contains(mentions), e.what());
    }
  }

  void unknownPresetNamesTheKnownOnes() {
    try {
      loadPreset("huge");
      QFAIL("accepted");
    } catch (const std::invalid_argument& e) {
      const QString message = e.what();
      QVERIFY2(message.contains("huge") && message.contains("tiny") && message.contains("paper"), e.what());
    }
  }

  // ---- event log, hardness --------------------------------------------------------------------------------
  void eventReaderToleratesPartialLastLine() {
    QTemporaryDir dir;
    const auto path = std::filesystem::path(dir.filePath("events.jsonl").toStdString());
    {
      EventLog log(path);
      log.append({{"type", "status"}, {"state", "running"}});
      log.append({{"type", "step"}, {"step", 1}});
    }
    EventLogFollower follower(path);
    QCOMPARE(follower.poll().size(), size_t{2});
    {
      std::ofstream out(path, std::ios::app);
      out << "{\"type\":\"step\",\"step\":2,\"lo";  // a write cut in the middle
    }
    QCOMPARE(readEvents(path).size(), size_t{2});
    QCOMPARE(follower.poll().size(), size_t{0});
    {
      std::ofstream out(path, std::ios::app);
      out << "ss\":1.5}\n";  // the rest arrives
    }
    const auto fresh = follower.poll();
    QCOMPARE(fresh.size(), size_t{1});
    QCOMPARE(fresh[0]["loss"].get<double>(), 1.5);
    QVERIFY(fresh[0].contains("time") == false);  // appended by hand, not by EventLog
    QCOMPARE(readEvents(path).size(), size_t{3});
  }

  void hardnessStatsOfHandMatrix() {
    // Clips 0,1 from title a; clip 2 from title b. Rows: video i vs audio j.
    const std::vector<float> sim = {0.9f, 0.8f, 0.1f,   //
                                    0.5f, 0.6f, 0.0f,   //
                                    0.2f, 0.3f, 0.7f};
    const auto s = hardnessStats(sim, {"a", "a", "b"});
    QVERIFY(std::abs(s.positive - (0.9 + 0.6 + 0.7) / 3) < 1e-6);
    QVERIFY(std::abs(s.sameTitleNegative - (0.8 + 0.5) / 2) < 1e-6);
    QVERIFY(std::abs(s.crossTitleNegative - (0.1 + 0.0 + 0.2 + 0.3) / 4) < 1e-6);
    // Easy (sim < positive − 0.2): row0 0.1; row1 0.0; row2 0.2, 0.3 → 4 of 6.
    QVERIFY(std::abs(s.easyNegativeShare - 4.0 / 6.0) < 1e-9);
    QCOMPARE(s.sameTitlePairs, 2L);
    QCOMPARE(s.crossTitlePairs, 4L);
  }

  // ---- sources and checkpoints ----------------------------------------------------------------------------
  void syntheticSourceRestoresItsSequence() {
    TrainConfig config = trainConfigFromJson(nlohmann::json::parse(kFastConfig));
    config.synthetic = true;
    SyntheticBatchSource a(config);
    a.next();
    a.next();
    const auto state = a.state();
    const Batch third = a.next();
    SyntheticBatchSource b(config);
    b.restore(state);
    const Batch again = b.next();
    QVERIFY(torch::equal(third.video, again.video));
    QVERIFY(torch::equal(third.audio, again.audio));
    QCOMPARE(third.clips[0].titleId, again.clips[0].titleId);
    // Same-title clips sit together (hierarchical layout: 2 titles × 2 clips).
    QCOMPARE(third.clips[0].titleIndex, third.clips[1].titleIndex);
  }

  void checkpointRoundTripAndCorruption() {
    QTemporaryDir dir;
    ModelConfig mc;
    mc.tinyWidth = 8;
    mc.headHiddenDim = 16;
    torch::manual_seed(1);
    AudioVisualModel model(mc);
    ContrastiveLoss loss(LossConfig{});
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-2));
    // One real step so the optimizer has state to save.
    const auto out = model->forward(torch::randn({4, 3, 8, 32, 32}), torch::randn({4, 1, 16, 51}));
    loss->forward(out.videoEmbedding, out.audioEmbedding).backward();
    optimizer.step();
    const auto file = std::filesystem::path(dir.filePath("step-00000001.pt").toStdString());
    saveCheckpoint(file, {model, loss, optimizer}, {{"step", 1}, {"source", {{"k", 1}}}});
    const double before = parameterChecksum(*model);

    torch::manual_seed(2);
    AudioVisualModel other(mc);
    torch::optim::Adam otherOptimizer(other->parameters(), torch::optim::AdamOptions(1e-2));
    QVERIFY(parameterChecksum(*other) != before);
    const auto meta = loadCheckpoint(file, {other, loss, otherOptimizer});
    QCOMPARE(meta["step"].get<int>(), 1);
    QCOMPARE(meta["source"]["k"].get<int>(), 1);
    QCOMPARE(parameterChecksum(*other), before);
    QCOMPARE(otherOptimizer.state().size(), optimizer.state().size());

    // A truncated file (what a torn write would be) and a foreign file are rejected with the path named.
    const auto size = std::filesystem::file_size(file);
    const auto truncated = std::filesystem::path(dir.filePath("step-00000002.pt").toStdString());
    std::filesystem::copy_file(file, truncated);
    std::filesystem::resize_file(truncated, size / 2);
    const auto garbage = std::filesystem::path(dir.filePath("step-00000003.pt").toStdString());
    std::ofstream(garbage) << "not a checkpoint";
    for (const auto& bad : {truncated, garbage}) {
      try {
        loadCheckpoint(bad, {other, loss, otherOptimizer});
        QFAIL("a damaged checkpoint loaded");
      } catch (const CheckpointError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(bad.filename().string())), e.what());
      }
    }
  }

  // ---- binge-cli train as a child process -----------------------------------------------------------------
  // status.json follows the step while the run trains (not only its state changes): a GUI or a script
  // reading it mid-run sees where the run is.
  void statusFollowsTheStepWhileTraining() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QProcess trainer;
    startEndlessTrainer(trainer, dir, run, {"--log-every", "1"});
    QVERIFY(trainer.waitForStarted());
    std::int64_t step = 0;
    waitUntil(trainer, [&] {
      const auto status = RunDirectory::readStatus(run.toStdString());
      if (status.value("state", std::string()) == "running") step = status.value("step", std::int64_t{0});
      return step >= 3;
    }, 120000);
    trainer.kill();
    trainer.waitForFinished();
    QVERIFY2(step >= 3, "status.json stayed at the step of the last state change");
  }

  void tinyRunWritesEveryFile() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    const auto r = runCli({"--threads", "1", "train", "--synthetic", "--run", run, "--config", writeFastConfig(dir),
                           "--steps", "6", "--seed", "7", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // stdout: exactly one JSON document.
    const auto summary = nlohmann::json::parse(r.out.toStdString());
    QCOMPARE(summary["state"].get<std::string>(), std::string("finished"));
    QCOMPARE(summary["step"].get<int>(), 6);
    QVERIFY(r.err.contains("step 6/6"));
    QVERIFY(r.err.contains("clips/s"));
    QVERIFY(r.err.contains("ETA"));

    // config.json: fully resolved.
    const auto config = nlohmann::json::parse(readFile(run + "/config.json").toStdString());
    QCOMPARE(config["seed"].get<int>(), 7);
    QCOMPARE(config["steps"].get<int>(), 6);
    QCOMPARE(config["model"]["tiny_width"].get<int>(), 8);
    QCOMPARE(config["preset"].get<std::string>(), std::string("tiny"));
    QCOMPARE(config["optimizer"]["lr"].get<double>(), 1e-3);
    QCOMPARE(config["data"]["clip"]["fps"].get<double>(), 8.0);
    QCOMPARE(config["optimizer"]["adam_beta2"].get<double>(), 0.999);  // a row of the field table

    // status.json
    const auto status = nlohmann::json::parse(readFile(run + "/status.json").toStdString());
    QCOMPARE(status["state"].get<std::string>(), std::string("finished"));
    QCOMPARE(status["step"].get<int>(), 6);
    QVERIFY(status["pid"].get<long>() > 0);

    // metrics.csv: header + one row per step.
    const auto lines = readFile(run + "/metrics.csv").split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QString(RunDirectory::kMetricsHeader));
    QCOMPARE(lines[6].section(',', 0, 0), QString("6"));
    QCOMPARE(lines[6].split(',').size(), lines[0].split(',').size());

    // events.jsonl: every event type the trainer writes, in the documented shape.
    const auto steps = eventsOf(run, "step");
    QCOMPARE(steps.size(), size_t{6});
    for (const char* key : {"step", "loss", "lr", "clips_per_s", "data_wait_ms", "compute_ms", "eta_s", "time"})
      QVERIFY2(steps.back().contains(key), key);
    QVERIFY(std::isfinite(steps.back()["loss"].get<double>()));
    const auto batches = eventsOf(run, "batch");
    QCOMPARE(batches.size(), size_t{3});  // every 2 steps
    const auto& batch = batches.front();
    QCOMPARE(batch["clips"].size(), size_t{4});
    QVERIFY(batch["clips"][0].contains("title_id") && batch["clips"][0].contains("start"));
    QCOMPARE(batch["similarity"].size(), size_t{4});
    QCOMPARE(batch["similarity"][0].size(), size_t{4});
    for (const char* key : {"positive", "same_title_negative", "cross_title_negative", "easy_negative_share"})
      QVERIFY2(batch["hardness"].contains(key), key);
    QVERIFY(eventsOf(run, "checkpoint").size() == 3);
    const auto statuses = eventsOf(run, "status");
    QCOMPARE(statuses.front()["state"].get<std::string>(), std::string("running"));
    QCOMPARE(statuses.back()["state"].get<std::string>(), std::string("finished"));

    // checkpoints/: last 2 kept, no temporaries, newest loads.
    const auto files = QDir(run + "/checkpoints").entryList(QDir::Files);
    QCOMPARE(files, (QStringList{"step-00000004.pt", "step-00000006.pt"}));
    QCOMPARE(loadLatestCheckpoint(run), std::int64_t{6});
  }

  void nonEmptyRunDirectoryIsRefused() {
    QTemporaryDir dir;
    QFile(dir.filePath("something")).open(QIODevice::WriteOnly);
    const auto r = runCli({"train", "--synthetic", "--run", dir.path(), "--config", writeFastConfig(dir)});
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.contains("not empty") && err.contains("--resume"), qPrintable(err));
    QCOMPARE(err.count('\n'), 0);
  }

  // Two trainers on one run directory: the second is refused at once with one line
  // naming the first's pid; a new run may start in a folder that holds only a dead trainer's lock.
  void secondTrainerOnOneRunIsRefused() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QDir().mkpath(run);
    {
      const FileLock held = FileLock::acquire((run + "/.lock").toStdString(), "run", "test trainer");
      const auto r = runCli({"train", "--synthetic", "--run", run, "--config", writeFastConfig(dir)});
      QCOMPARE(r.exitCode, 2);
      const QString err = QString::fromUtf8(r.err).trimmed();
      QVERIFY2(err.contains("in use by test trainer (pid " + QString::number(::getpid())), qPrintable(err));
      QCOMPARE(err.count('\n'), 0);
      QVERIFY(!QFileInfo::exists(run + "/config.json"));
    }
    // Once the lock is free, the same command trains (a few steps: the preset's budget is not the point).
    const auto r = runCli({"train", "--synthetic", "--run", run, "--config", writeFastConfig(dir), "--steps", "3"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
  }

  // The kill campaign's switch: killed inside its second checkpoint's write, a run
  // leaves a torn temporary file and no torn checkpoint; its resume removes the temporary, starts from
  // the first checkpoint and finishes.
  void killInsideACheckpointWriteLosesNothing() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    // The tiny model's checkpoint is a few MB: the second one is cut after 1 MB of it.
    {
      const auto r = runCli({"--threads", "1", "train", "--synthetic", "--run", dir.filePath("sizing"), "--config",
                             writeFastConfig(dir), "--steps", "2", "--checkpoint-every", "2"}, 300000);
      QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const auto first = std::filesystem::file_size((dir.filePath("sizing") + "/checkpoints/step-00000002.pt").toStdString());
    env.insert("BINGE_FAULT_KILL", QString("checkpoint:%1").arg(first + 1000000));
    p.setProcessEnvironment(env);
    p.start(cliPath(), {"--threads", "1", "train", "--synthetic", "--run", run, "--config", writeFastConfig(dir),
                        "--steps", "6", "--checkpoint-every", "2"});
    QVERIFY(p.waitForFinished(300000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // SIGKILL
    QStringList files = QDir(run + "/checkpoints").entryList(QDir::Files);
    QCOMPARE(files.size(), 2);
    QVERIFY2(files.contains("step-00000002.pt") && files.filter(".tmp-").size() == 1, qPrintable(files.join(", ")));
    const auto r = runCli({"--threads", "1", "train", "--run", run, "--resume"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("resuming") && r.err.contains("at step 2"), r.err.constData());
    files = QDir(run + "/checkpoints").entryList(QDir::Files);
    QVERIFY2(files.filter(".tmp-").isEmpty(), qPrintable(files.join(", ")));
    QVERIFY(files.contains("step-00000006.pt"));
  }

  // A disk that fills up during a checkpoint write: the trainer stops with one line naming the file and
  // the bytes free, exits non-zero, leaves no temporary, and the checkpoint before stays loadable. (It used
  // to abort inside LibTorch's archive writer, which cannot take a short write.) A tmpfs in a private
  // mount namespace stands in for the disk.
  void aFullDiskDuringACheckpointStopsCleanly() {
    QTemporaryDir dir;
    const auto r0 = runCli({"--threads", "1", "train", "--synthetic", "--run", dir.filePath("sizing"), "--config",
                            writeFastConfig(dir), "--steps", "2", "--checkpoint-every", "2"}, 300000);
    QVERIFY2(r0.exitCode == 0, r0.err.constData());
    const auto checkpoint = std::filesystem::file_size((dir.filePath("sizing") + "/checkpoints/step-00000002.pt").toStdString());
    // Room for the run's small files and one checkpoint and a half.
    const QString script = QString("mount -t tmpfs -o size=%1k none \"$0\" || exit 99; "
                                   "\"$1\" --threads 1 train --synthetic --run \"$0/run\" --config \"$2\" --steps 6 "
                                   "--checkpoint-every 2; echo rc=$?; ls \"$0/run/checkpoints\"; "
                                   "mount -o remount,size=1g \"$0\" && \"$1\" --threads 1 train --run \"$0/run\" --resume "
                                   "> /dev/null 2>&1; echo resumed=$?")
                               .arg((checkpoint * 3 / 2 + 300000) / 1024);
    QTemporaryDir mountPoint;
    const auto r = binge::test::runProgram("unshare", {"-rm", "sh", "-c", script, mountPoint.path(), cliPath(), writeFastConfig(dir)}, 300000);
    if (r.exitCode == 99 || !r.out.contains("rc="))
      QSKIP("no private mount namespace here (unshare -rm), so no small filesystem to fill");
    QVERIFY2(r.out.contains("rc=1"), r.out.constData());
    QVERIFY2(r.err.contains("no space left") && r.err.contains("free") && r.err.contains("step-00000004.pt"), r.err.constData());
    QVERIFY2(!r.err.contains("terminate") && !r.err.contains("Aborted"), r.err.constData());
    QVERIFY2(r.out.contains("step-00000002.pt") && !r.out.contains(".tmp-"), r.out.constData());
    QVERIFY2(r.out.contains("resumed=0"), r.out.constData());
  }

  void usageErrorsExit2WithOneLine_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown preset") << QStringList{"--synthetic", "--preset", "huge"} << "huge";
    QTest::newRow("negative lr") << QStringList{"--synthetic", "--lr", "-0.01"} << "optimizer.lr";
    QTest::newRow("missing library") << QStringList{"--library", "/nonexistent/lib.json"} << "/nonexistent/lib.json";
    QTest::newRow("no library") << QStringList{} << "library";
    QTest::newRow("bad sampler") << QStringList{"--synthetic", "--sampler", "random"} << "sampler";
    QTest::newRow("bad batch") << QStringList{"--synthetic", "--batch", "10", "--titles-per-batch", "4"} << "not divisible by titles per batch 4";
    QTest::newRow("nothing to resume") << QStringList{"--resume"} << "nothing to resume";
  }
  void usageErrorsExit2WithOneLine() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    const auto r = runCli(QStringList{"train", "--run", run} + arguments);
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.startsWith("binge-cli:") && err.contains(mentions), qPrintable(err));
    QCOMPARE(err.count('\n'), 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(run + "/events.jsonl"));  // nothing started
  }

  void pauseResumeAndStopViaStdin() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QProcess p;
    startEndlessTrainer(p, dir, run, {"--checkpoint-every", "0"});
    QVERIFY(p.waitForStarted());
    QVERIFY(waitUntil(p, [&] { return eventsOf(run, "step").size() >= 2; }));
    p.write("pause\n");
    QVERIFY(waitUntil(p, [&] { return RunDirectory::readStatus(run.toStdString()).value("state", "") == "paused"; }));
    const auto pausedAt = eventsOf(run, "step").size();
    QThread::msleep(400);
    QCOMPARE(eventsOf(run, "step").size(), pausedAt);  // no steps while paused
    p.write("checkpoint\n");  // honoured while paused
    QVERIFY(waitUntil(p, [&] { return !eventsOf(run, "checkpoint").empty(); }));
    p.write("resume\n");
    QVERIFY(waitUntil(p, [&] { return eventsOf(run, "step").size() > pausedAt + 1; }));
    p.write("stop\n");
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);

    std::vector<std::string> states;
    for (const auto& e : eventsOf(run, "status")) states.push_back(e["state"].get<std::string>());
    const std::vector<std::string> expected = {"running", "paused", "running", "stopping", "stopped"};
    QCOMPARE(states, expected);
    const auto status = RunDirectory::readStatus(run.toStdString());
    QCOMPARE(status["state"].get<std::string>(), std::string("stopped"));
    QCOMPARE(loadLatestCheckpoint(run), status["step"].get<std::int64_t>());
  }

  void sigtermStopsGracefully() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QProcess p;
    startEndlessTrainer(p, dir, run, {"--checkpoint-every", "0"});
    QVERIFY(p.waitForStarted());
    QVERIFY(waitUntil(p, [&] { return eventsOf(run, "step").size() >= 3; }));
    p.terminate();  // SIGTERM
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const auto status = RunDirectory::readStatus(run.toStdString());
    QCOMPARE(status["state"].get<std::string>(), std::string("stopped"));
    const auto step = status["step"].get<std::int64_t>();
    QVERIFY(step >= 3);
    QCOMPARE(loadLatestCheckpoint(run), step);
  }

  void killDashNineThenResumeFromPreviousValidCheckpoint() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    QProcess p;
    startEndlessTrainer(p, dir, run, {"--checkpoint-every", "3", "--keep-checkpoints", "3"});
    QVERIFY(p.waitForStarted());
    QVERIFY(waitUntil(p, [&] { return eventsOf(run, "checkpoint").size() >= 2; }));
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);

    // What a kill during a checkpoint write can leave: a temporary file. And the worst case a
    // filesystem could leave: a newest "checkpoint" that is torn. Resume must skip both.
    RunDirectory dirView = RunDirectory::open(run.toStdString());
    const auto valid = dirView.checkpoints();
    QVERIFY(!valid.empty());
    const std::int64_t good = valid.front().step;
    const auto torn = dirView.checkpointPath(good + 1000);
    std::filesystem::copy_file(valid.front().path, torn);
    std::filesystem::resize_file(torn, std::filesystem::file_size(torn) / 3);
    std::ofstream(dirView.checkpointPath(good + 1001).string() + ".tmp-123") << "partial";

    const std::int64_t target = good + 1003;
    const auto r = runCli({"--threads", "1", "train", "--run", run, "--resume", "--steps", QString::number(target)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains(QString("resuming %1 at step %2").arg(run).arg(good).toUtf8()), r.err.constData());
    const auto errors = eventsOf(run, "error");
    QVERIFY(std::any_of(errors.begin(), errors.end(),
                        [](const auto& e) { return e.value("kind", "") == "invalid_checkpoint"; }));
    const auto status = RunDirectory::readStatus(run.toStdString());
    QCOMPARE(status["state"].get<std::string>(), std::string("finished"));
    QCOMPARE(status["step"].get<std::int64_t>(), target);
    // Metrics continue without duplicates: steps strictly increase.
    const auto losses = lossColumn(run);
    for (int i = 1; i < losses.size(); ++i)
      QVERIFY(losses[i].section(',', 0, 0).toLongLong() > losses[i - 1].section(',', 0, 0).toLongLong());
    QVERIFY(QDir(run + "/checkpoints").entryList({"*.tmp*"}, QDir::Files).isEmpty());
  }

  void resumedRunMatchesUninterruptedRun() {
    QTemporaryDir dir;
    const QString config = writeFastConfig(dir);
    const QString straight = dir.filePath("straight");
    const QString resumed = dir.filePath("resumed");
    const QStringList common = {"--threads", "1", "train", "--synthetic", "--config", config, "--steps", "12", "--seed", "5"};
    auto r = runCli(common + QStringList{"--run", straight});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli(common + QStringList{"--run", resumed, "--stop-after", "7"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(RunDirectory::readStatus(resumed.toStdString())["state"].get<std::string>(), std::string("stopped"));
    QCOMPARE(lossColumn(resumed).size(), 7);
    r = runCli({"--threads", "1", "train", "--run", resumed, "--resume"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto a = lossColumn(straight);
    const auto b = lossColumn(resumed);
    QCOMPARE(a.size(), 12);
    // Bit-identical on CPU with one thread: the printed losses (9 significant digits) agree exactly.
    QCOMPARE(b, a);
  }

 private:
  static QString readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
  }
};

QTEST_GUILESS_MAIN(TestTrain)
#include "test_train.moc"
