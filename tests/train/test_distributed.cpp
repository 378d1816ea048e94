// Data-parallel training on c10d/Gloo over loopback (127.0.0.1 only): launcher environments, the
// gather that carries gradients, the bucketed gradient all-reduce, the per-rank InfoNCE, and — with
// binge-cli as child processes — two ranks reproducing one process on the concatenated batch, one run
// directory written by rank 0, a killed rank ending the other in bounded time, resume with another
// world size, and torchrun --no-python starting a job.
// LibTorch before Qt: Qt's keyword macros break LibTorch headers (docs/architecture.md, Dependencies and traps).
#include "train/Checkpoint.h"
#include "train/ContrastiveLoss.h"
#include "train/DistributedEnvironment.h"
#include "train/DistributedSession.h"
#include "train/EventLog.h"
#include "train/GlobalGather.h"
#include "train/GradientReducer.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"

#include "CliRunner.h"
#include "LoopbackPort.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <unistd.h>

#include <csignal>
#include <functional>
#include <map>
#include <thread>

using namespace binge;

namespace {

// Tiny encoders with GroupNorm (results independent of how the batch is split), 32² crops.
const char* kConfig = R"({
  "model": {"tiny_width": 8, "head_hidden_dim": 32, "embedding_dim": 16, "normalization": "group"},
  "data": {"crop_size": 32, "clip": {"short_side": 36, "mel_bins": 16, "audio_seconds": 0.5}},
  "schedule": {"warmup_steps": 1},
  "log_every": 1, "batch_event_every": 2, "checkpoint_every": 2, "keep_checkpoints": 2
})";

QString cliPath() { return QProcessEnvironment::systemEnvironment().value("BINGE_CLI", "binge-cli"); }

int freePort() { return binge::test::freeLoopbackPort(); }

QString writeConfig(const QTemporaryDir& dir) {
  const QString path = dir.filePath("dist.json");
  QFile f(path);
  if (f.open(QIODevice::WriteOnly)) f.write(kConfig);
  return path;
}

std::vector<nlohmann::json> eventsOf(const QString& run, const std::string& type) {
  std::vector<nlohmann::json> out;
  const auto path = std::filesystem::path(run.toStdString()) / "events.jsonl";
  if (!std::filesystem::exists(path)) return out;
  for (auto& e : readEvents(path))
    if (e.value("type", "") == type) out.push_back(std::move(e));
  return out;
}

// Runs `body(session)` on `world` threads, each a rank of its own Gloo group on loopback.
void onRanks(int world, const std::function<void(DistributedSession&)>& body) {
  const int port = freePort();
  std::vector<std::thread> threads;
  std::vector<std::string> errors(static_cast<size_t>(world));
  for (int r = 0; r < world; ++r)
    threads.emplace_back([&, r] {
      try {
        DistributedEnvironment env;
        env.rank = r;
        env.worldSize = world;
        env.masterPort = port;
        env.timeoutSeconds = 60;
        DistributedSession session(env, torch::kCPU);
        body(session);
      } catch (const std::exception& e) {
        errors[static_cast<size_t>(r)] = e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (int r = 0; r < world; ++r) QVERIFY2(errors[static_cast<size_t>(r)].empty(), errors[static_cast<size_t>(r)].c_str());
}

struct LoadedRun {
  AudioVisualModel model{nullptr};
  ContrastiveLoss loss{nullptr};
};

// The model of a run's newest checkpoint.
LoadedRun loadNewest(const QString& run) {
  const auto dir = std::filesystem::path(run.toStdString());
  const auto config = trainConfigFromJson(RunDirectory::open(dir).config());
  LoadedRun loaded{AudioVisualModel(config.model), ContrastiveLoss(config.loss)};
  std::vector<torch::Tensor> params = loaded.model->parameters();
  torch::optim::Adam optimizer(params, torch::optim::AdamOptions(1e-3));
  const auto files = RunDirectory::checkpointsIn(dir);
  if (!files.empty()) loadCheckpoint(files.front().path, {loaded.model, loaded.loss, optimizer});
  return loaded;
}

double maxParameterDifference(torch::nn::Module& a, torch::nn::Module& b) {
  const auto pa = a.parameters(), pb = b.parameters();
  double worst = pa.size() == pb.size() ? 0.0 : 1e9;
  for (size_t i = 0; i < std::min(pa.size(), pb.size()); ++i)
    worst = std::max(worst, (pa[i] - pb[i]).abs().max().item<double>());
  return worst;
}

// Starts `world` binge-cli ranks with explicit flags (the same as torchrun's variables).
std::vector<std::unique_ptr<QProcess>> startRanks(int world, int port, const QStringList& trainArgs) {
  std::vector<std::unique_ptr<QProcess>> ranks;
  for (int r = 0; r < world; ++r) {
    auto p = std::make_unique<QProcess>();
    p->start(cliPath(), QStringList{"--threads", "1", "train", "--rank", QString::number(r), "--world-size",
                                    QString::number(world), "--master-addr", "127.0.0.1", "--master-port",
                                    QString::number(port)} +
                            trainArgs);
    ranks.push_back(std::move(p));
  }
  return ranks;
}

}  // namespace

class TestDistributed : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void environmentFollowsTorchrunSlurmAndFlags() {
    std::map<std::string, std::string> vars = {{"RANK", "3"},         {"WORLD_SIZE", "4"},
                                               {"LOCAL_RANK", "1"},   {"MASTER_ADDR", "10.0.0.7"},
                                               {"MASTER_PORT", "1234"}, {"TORCHELASTIC_RUN_ID", "x"},
                                               {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                                               {"TORCHELASTIC_RESTART_COUNT", "2"}};
    const auto lookup = [&vars](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    auto env = resolveDistributedEnvironment(lookup, {});
    QCOMPARE(env.rank, 3);
    QCOMPARE(env.worldSize, 4);
    QCOMPARE(env.localRank, 1);
    QCOMPARE(env.masterAddr, std::string("10.0.0.7"));
    QCOMPARE(env.masterPort, 1234);
    QVERIFY(env.useAgentStore);
    QCOMPARE(env.restartCount, 2);
    QCOMPARE(env.launcher, std::string("torchrun"));

    // Flags win; an explicit port means the store is ours, not the agent's.
    DistributedOverrides flags;
    flags.rank = 0;
    flags.masterPort = 4321;
    env = resolveDistributedEnvironment(lookup, flags);
    QCOMPARE(env.rank, 0);
    QCOMPARE(env.masterPort, 4321);
    QVERIFY(!env.useAgentStore);

    vars = {{"SLURM_PROCID", "5"}, {"SLURM_NTASKS", "8"}, {"SLURM_LOCALID", "1"}, {"MASTER_ADDR", "node01"}};
    env = resolveDistributedEnvironment(lookup, {});
    QCOMPARE(env.launcher, std::string("slurm"));
    QCOMPARE(env.rank, 5);
    QCOMPARE(env.worldSize, 8);
    QCOMPARE(env.localRank, 1);
    QCOMPARE(env.masterAddr, std::string("node01"));
    QCOMPARE(env.masterPort, 29500);

    vars.clear();
    QVERIFY(!resolveDistributedEnvironment(lookup, {}).distributed());
    vars = {{"WORLD_SIZE", "two"}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveDistributedEnvironment(lookup, {}));
    vars = {{"WORLD_SIZE", "2"}, {"RANK", "2"}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveDistributedEnvironment(lookup, {}));
  }

  void perRankInfoNceAveragesToTheWholeBatchLoss() {
    torch::manual_seed(3);
    const auto zv = torch::nn::functional::normalize(torch::randn({8, 5}), torch::nn::functional::NormalizeFuncOptions().dim(1));
    const auto za = torch::nn::functional::normalize(torch::randn({8, 5}), torch::nn::functional::NormalizeFuncOptions().dim(1));
    const auto scale = torch::full({}, 1 / 0.07);
    const double whole = symmetricInfoNce(zv, za, scale).item<double>();
    double mean = 0;
    for (int r = 0; r < 4; ++r)
      mean += symmetricInfoNceRows(zv.slice(0, 2 * r, 2 * r + 2), za.slice(0, 2 * r, 2 * r + 2), zv, za, 2 * r, scale)
                  .item<double>() / 4;
    QVERIFY2(std::abs(whole - mean) < 1e-5, qPrintable(QString("%1 vs %2").arg(whole).arg(mean)));
  }

  void gatherHasEveryRanksRowsAndSumsGradients() {
    const int world = 3, rows = 2;
    onRanks(world, [&](DistributedSession& session) {
      const int r = session.rank();
      auto local = torch::full({rows, 4}, double(r + 1), torch::kFloat).requires_grad_(true);
      const auto all = gatherWithGradient(local, session);
      // The gathered negatives: world × local batch rows, in rank order.
      if (all.size(0) != world * rows) throw std::runtime_error("gathered " + std::to_string(all.size(0)) + " rows");
      for (int s = 0; s < world; ++s)
        if (all[s * rows][0].item<float>() != float(s + 1)) throw std::runtime_error("rows out of rank order");
      // Rank r's loss weighs every gathered row by (r + 1): d(sum of losses)/d(local) = 1 + 2 + 3 = 6.
      (all * double(r + 1)).sum().backward();
      if (!torch::allclose(local.grad(), torch::full({rows, 4}, 6.0f)))
        throw std::runtime_error("gradient through the gather is wrong");
    });
  }

  void reducerAveragesGradientsInBuckets() {
    onRanks(2, [&](DistributedSession& session) {
      const int r = session.rank();
      // The same parameters on every rank (the ranks are threads here: no shared global generator).
      const auto values = [](std::vector<int64_t> shape, double from) {
        int64_t n = 1;
        for (auto d : shape) n *= d;
        return torch::linspace(from, from + 1, n).view(shape).requires_grad_(true);
      };
      std::vector<torch::Tensor> params = {values({300}, -0.5), values({7, 9}, 0.25), values({1000}, -1), values({5}, 2)};
      // ~2 KB buckets: several all-reduces, started during backward.
      GradientReducer reducer(params, session, 0.002);
      if (reducer.bucketCount() < 3) throw std::runtime_error("expected several buckets");
      for (int step = 0; step < 2; ++step) {
        for (auto& p : params) p.mutable_grad() = torch::Tensor();
        reducer.prepare();
        // Rank r's loss is (r + 1)·Σ p²: gradient 2(r + 1)p, mean over ranks 3p. params[3] gets none on rank 1.
        auto loss = (params[0].pow(2).sum() + params[1].pow(2).sum() + params[2].pow(2).sum()) * double(r + 1);
        if (r == 0) loss = loss + params[3].pow(2).sum();
        loss.backward();
        reducer.finish();
        for (int i = 0; i < 3; ++i)
          if (!torch::allclose(params[static_cast<size_t>(i)].grad(), 3 * params[static_cast<size_t>(i)].detach(), 1e-5, 1e-5))
            throw std::runtime_error("parameter " + std::to_string(i) + " is not the mean over ranks");
        if (!torch::allclose(params[3].grad(), params[3].detach(), 1e-5, 1e-5))
          throw std::runtime_error("a parameter without gradient on one rank must average with zeros");
      }
    });
  }

  void twoRanksMatchOneProcessOnTheConcatenatedBatch() {
    QTemporaryDir dir;
    const QString config = writeConfig(dir);
    const QStringList common = {"--synthetic", "--config", config, "--steps", "4", "--seed", "5"};
    const QString single = dir.filePath("single"), parallel = dir.filePath("parallel");
    const auto one = binge::test::runCli(QStringList{"--threads", "1", "train", "--run", single, "--batch", "8",
                                                     "--titles-per-batch", "4"} + common);
    QVERIFY2(one.exitCode == 0, one.err.constData());

    auto ranks = startRanks(2, freePort(), QStringList{"--run", parallel, "--batch", "4", "--titles-per-batch", "2"} + common);
    for (auto& p : ranks) {
      QVERIFY(p->waitForFinished(120000));
      QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    auto a = loadNewest(single), b = loadNewest(parallel);
    const double diff = maxParameterDifference(*a.model, *b.model);
    QVERIFY2(diff < 1e-4, qPrintable(QString("largest parameter difference %1").arg(diff)));
    QVERIFY(maxParameterDifference(*loadNewest(single).model, *AudioVisualModel(trainConfigFromJson(
        RunDirectory::open(single.toStdString()).config()).model)) > 1e-3);  // training moved the weights

    // One run directory, written by rank 0 alone: one "running" status, one step event per step.
    const auto running = eventsOf(parallel, "status");
    int runningEvents = 0;
    for (const auto& e : running)
      if (e.value("state", "") == "running") {
        ++runningEvents;
        QCOMPARE(e.value("world_size", 0), 2);
        QCOMPARE(e.value("global_batch", 0), 8);
      }
    QCOMPARE(runningEvents, 1);
    QCOMPARE(int(eventsOf(parallel, "step").size()), 4);
    QVERIFY(eventsOf(parallel, "step").back().contains("comm_ms"));
    // The batch event shows the global batch: 8 × 8 similarities over 4 titles.
    const auto batch = eventsOf(parallel, "batch");
    QVERIFY(!batch.empty());
    QCOMPARE(int(batch.back().at("similarity").size()), 8);
  }

  void aStopOnAnyRankStopsEveryRankAtTheSameStep() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    auto ranks = startRanks(2, freePort(), {"--synthetic", "--config", writeConfig(dir), "--run", run, "--steps",
                                            "100000", "--batch", "4", "--titles-per-batch", "2"});
    QElapsedTimer waited;
    waited.start();
    while (eventsOf(run, "step").size() < 3 && waited.elapsed() < 60000) QThread::msleep(50);
    QVERIFY2(eventsOf(run, "step").size() >= 3, "the job never trained");
    // SIGTERM to rank 1 only: rank 0 learns of it through the step agreement and stops too.
    ::kill(static_cast<pid_t>(ranks[1]->processId()), SIGTERM);
    for (auto& p : ranks) {
      QVERIFY(p->waitForFinished(30000));
      QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    QCOMPARE(RunDirectory::readStatus(run.toStdString()).value("state", ""), std::string("stopped"));
    const auto stepStopped = RunDirectory::readStatus(run.toStdString()).value("step", std::int64_t{0});
    QCOMPARE(RunDirectory::checkpointsIn(run.toStdString()).front().step, stepStopped);
  }

  void aKilledRankEndsTheJobAndTheRunResumesOnOneProcess() {
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    auto ranks = startRanks(2, freePort(), {"--synthetic", "--config", writeConfig(dir), "--run", run, "--steps",
                                            "100000", "--batch", "4", "--titles-per-batch", "2", "--dist-timeout", "60"});
    QElapsedTimer waited;
    waited.start();
    while (eventsOf(run, "checkpoint").empty() && waited.elapsed() < 60000) QThread::msleep(50);
    QVERIFY2(!eventsOf(run, "checkpoint").empty(), "the job never wrote a checkpoint");
    ::kill(static_cast<pid_t>(ranks[1]->processId()), SIGKILL);
    QElapsedTimer ended;
    ended.start();
    QVERIFY(ranks[0]->waitForFinished(30000));
    const double seconds = ended.elapsed() / 1000.0;
    qInfo("rank 0 ended %.2f s after rank 1 was killed", seconds);
    QVERIFY(ranks[0]->exitCode() != 0);
    const QByteArray err = ranks[0]->readAllStandardError();
    QVERIFY2(err.contains("rank 0 of 2"), err.constData());
    ranks[1]->waitForFinished(5000);
    const auto errors = eventsOf(run, "error");
    QVERIFY(!errors.empty());
    QCOMPARE(errors.back().value("kind", ""), std::string("distributed"));
    QCOMPARE(RunDirectory::readStatus(run.toStdString()).value("state", ""), std::string("failed"));

    // Resumable, here by a single process: the sampler state is re-sharded from 2 ranks to 1.
    const auto resumed = binge::test::runCli({"--threads", "1", "train", "--run", run, "--resume", "--steps",
                                              QString::number(eventsOf(run, "checkpoint").back().at("step").get<int>() + 2)});
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QCOMPARE(RunDirectory::readStatus(run.toStdString()).value("state", ""), std::string("finished"));
  }

  void torchrunStartsATwoProcessRun() {
    const QString torchrun = QStandardPaths::findExecutable("torchrun");
    if (torchrun.isEmpty()) QSKIP("torchrun (python3-torch) is not installed");
    QTemporaryDir dir;
    const QString run = dir.filePath("run");
    const auto r = binge::test::runProgram(
        // --redirects/--tee: Debian 12's torchrun (1.13 on Python 3.11) crashes on their default "0".
        torchrun, {"--redirects", "1", "--tee", "1", "--no_python", "--nproc_per_node", "2", "--master_port", QString::number(freePort()), cliPath(),
                   "--threads", "1", "train", "--synthetic", "--config", writeConfig(dir), "--run", run, "--steps", "3",
                   "--batch", "4", "--titles-per-batch", "2"},
        180000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(RunDirectory::readStatus(run.toStdString()).value("state", ""), std::string("finished"));
    bool sawTwoRanks = false;
    for (const auto& e : eventsOf(run, "status")) sawTwoRanks = sawTwoRanks || e.value("world_size", 0) == 2;
    QVERIFY(sawTwoRanks);
  }
};

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
