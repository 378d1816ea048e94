// binge-cli bench train: compute-only training throughput. Runs the real Trainer (same step, same
// optimizer, same event writing) on in-memory batches cycled from a pre-generated set, so the number is
// what the model costs without any loading. End-to-end numbers come from `bench load` + training.
#include "cli/Commands.h"
#include "sampling/BatchShape.h"

#include "runtime/ComputeDevice.h"
#include "train/EventLog.h"
#include "train/ProcessMemory.h"
#include "train/SyntheticBatchSource.h"
#include "train/Trainer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace binge::cli {
namespace {

struct BenchTrainArgs {
  std::string preset = "tiny";
  int batch = 32;
  int threads = 0;
  int steps = 10;
  int warmup = 2;
  std::string device = "cpu";
  bool json = false;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

int runBenchTrain(const BenchTrainArgs& a) {
  TrainConfig config;
  try {
    config = loadPreset(a.preset);
    config.data.sampler = withBatchSize(config.data.sampler, a.batch);
    config.steps = a.warmup + a.steps;
    config.logEvery = 1;
    config.checkpointEvery = 0;
    config.batchEventEvery = 0;
    config.synthetic = true;
    config.device = a.device;
    validate(config);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("invalid benchmark config: ") + e.what());
  }
  if (a.steps < 1 || a.warmup < 0) throw UsageError("--steps must be >= 1 and --warmup >= 0");
  const int threads = configureTorchThreads(a.threads);

  std::random_device rd;
  const auto runPath = std::filesystem::temp_directory_path() /
                       ("binge-bench-train-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  nlohmann::json report;
  {
    SyntheticBatchSource source(config, 16, /*distinctBatches=*/4);
    RunDirectory run = RunDirectory::create(runPath, toJson(config));
    TrainControl control;
    Trainer trainer(config, source, run, control);
    auto& model = trainer.model();
    std::fprintf(stderr, "bench train: %s preset, batch %d, %d threads, %d+%d steps on %s\n", a.preset.c_str(), a.batch,
                 threads, a.warmup, a.steps, trainer.device().str().c_str());
    trainer.setProgressCallback([](const StepReport& r) {
      std::fprintf(stderr, "step %lld/%lld loss %.4f\n", static_cast<long long>(r.step), static_cast<long long>(r.steps),
                   r.loss);
    });
    trainer.run();
    std::vector<double> stepSeconds;
    double rssAfterWarmup = 0, rssLast = 0, rssAt100 = 0, lossFirst = 0, lossLast = 0;
    for (const auto& e : readEvents(run.path() / "events.jsonl")) {
      if (e.value("type", "") != "step") continue;
      const auto step = e.at("step").get<std::int64_t>();
      if (step == 1) lossFirst = e.at("loss").get<double>();
      lossLast = e.at("loss").get<double>();
      rssLast = e.at("rss_mb").get<double>();
      if (step == 100) rssAt100 = rssLast;
      if (step <= a.warmup) continue;
      if (step == a.warmup + 1) rssAfterWarmup = rssLast;
      stepSeconds.push_back((e.at("compute_ms").get<double>() + e.at("data_wait_ms").get<double>()) / 1000.0);
    }
    const double stepS = median(stepSeconds);
    report = {{"preset", a.preset},
              {"batch", a.batch},
              {"threads", threads},
              {"steps", a.steps},
              {"warmup_steps", a.warmup},
              {"device", trainer.device().str()},
              {"compute_only", true},
              {"step_s", stepS},
              {"clips_per_s", stepS > 0 ? a.batch / stepS : 0.0},
              {"peak_rss_mb", peakRssMb()},
              {"rss_mb_after_warmup", rssAfterWarmup},
              {"rss_mb_last", rssLast},
              {"loss_first", lossFirst},
              {"loss_last", lossLast},
              {"params",
               {{"video", parameterCount(model->videoEncoder())},
                {"audio", parameterCount(model->audioEncoder())},
                {"heads", parameterCount(model->videoHead()) + parameterCount(model->audioHead())}}}};
    if (rssAt100 > 0) {
      report["rss_mb_at_100"] = rssAt100;
      report["rss_growth_after_100"] = rssLast / rssAt100 - 1.0;
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(runPath, ec);
  if (a.json) {
    printJson(report);
  } else {
    std::printf("%s batch %d, %d threads: %.4f s/step, %.1f clips/s, peak RSS %.0f MB\n", a.preset.c_str(), a.batch,
                threads, report["step_s"].get<double>(), report["clips_per_s"].get<double>(),
                report["peak_rss_mb"].get<double>());
  }
  return 0;
}

}  // namespace

void addBenchTrainCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<BenchTrainArgs>();
  CLI::App* cmd = bench.add_subcommand("train", "Compute-only training step time on in-memory batches");
  cmd->add_option("--preset", args->preset, "Preset name or JSON path")->capture_default_str();
  cmd->add_option("--batch", args->batch, "Batch size")->capture_default_str();
  cmd->add_option("--threads", args->threads, "LibTorch CPU threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--steps", args->steps, "Timed steps")->capture_default_str();
  cmd->add_option("--warmup", args->warmup, "Untimed steps first")->capture_default_str();
  cmd->add_option("--device", args->device, "cpu | cuda | auto")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print the report as one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runBenchTrain(*args); }; });
}

}  // namespace binge::cli
