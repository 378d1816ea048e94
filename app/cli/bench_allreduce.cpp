// binge-cli bench allreduce: what one data-parallel step pays for communication. Run as every rank of a
// job (torchrun, Slurm or --rank/--world-size flags); builds the preset's model, gives every parameter a
// gradient through a backward pass that costs next to nothing, and times the bucketed all-reduce of the
// whole gradient (GradientReducer, as training uses it). With nothing to overlap, this is the upper
// bound of the communication a training step of that preset adds; divide by the step time of
// `bench train` for the overhead ratio.
#include "cli/Commands.h"
#include "cli/DistributedOptions.h"

#include "model/AudioVisualModel.h"
#include "train/DistributedSession.h"
#include "train/GradientReducer.h"
#include "train/TrainConfig.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace binge::cli {
namespace {

struct BenchAllReduceArgs {
  std::string preset = "paper";
  int repeats = 5;
  double bucketMb = 25;
  DistributedFlags distributed;
  bool json = false;
};

int runBenchAllReduce(const BenchAllReduceArgs& a) {
  if (a.repeats < 1) throw UsageError("--repeats must be at least 1");
  const TrainConfig config = loadPreset(a.preset);
  const auto env = resolveDistributedFlags(a.distributed);
  if (!env.distributed())
    throw UsageError("bench allreduce needs a job of at least 2 ranks (torchrun, Slurm or --rank/--world-size)");
  DistributedSession session(env, torch::kCPU);
  torch::manual_seed(0);
  AudioVisualModel model(config.model);
  std::vector<torch::Tensor> parameters = model->parameters();
  GradientReducer reducer(parameters, session, a.bucketMb);
  const double megabytes = reducer.elementCount() * 4.0 / (1024 * 1024);

  std::vector<double> ms;
  for (int i = 0; i <= a.repeats; ++i) {  // the first round connects and warms up: not counted
    session.barrier("lining up the ranks");
    const auto t0 = std::chrono::steady_clock::now();
    reducer.prepare();
    torch::Tensor sum = torch::zeros({});
    for (const auto& p : parameters) sum = sum + p.sum();
    sum.backward();
    reducer.finish();
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (i > 0) ms.push_back(elapsed);
  }
  std::sort(ms.begin(), ms.end());
  const double median = ms[ms.size() / 2];
  if (session.rank() == 0) {
    std::fprintf(stderr, "bench allreduce: %s preset, %lld gradient values (%.1f MB) in %d buckets, %d ranks, %s: "
                         "median %.1f ms (min %.1f, max %.1f) over %d rounds\n",
                 a.preset.c_str(), static_cast<long long>(reducer.elementCount()), megabytes, reducer.bucketCount(),
                 session.worldSize(), session.backend().c_str(), median, ms.front(), ms.back(), a.repeats);
    if (a.json)
      printJson({{"preset", a.preset},
                 {"world_size", session.worldSize()},
                 {"backend", session.backend()},
                 {"gradient_values", reducer.elementCount()},
                 {"gradient_mb", megabytes},
                 {"buckets", reducer.bucketCount()},
                 {"allreduce_ms_median", median},
                 {"allreduce_ms_min", ms.front()},
                 {"allreduce_ms_max", ms.back()},
                 {"repeats", a.repeats}});
  }
  return 0;
}

}  // namespace

void addBenchAllReduceCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<BenchAllReduceArgs>();
  CLI::App* cmd = bench.add_subcommand("allreduce", "Time the gradient all-reduce of a preset's model across the ranks of a job");
  cmd->add_option("--preset", args->preset, "Preset whose model sets the gradient size")->capture_default_str();
  cmd->add_option("--repeats", args->repeats, "Timed rounds")->capture_default_str();
  cmd->add_option("--bucket-mb", args->bucketMb, "All-reduce bucket size in MB")->capture_default_str();
  addDistributedFlags(cmd, args->distributed);
  cmd->add_flag("--json", args->json, "Print a JSON summary on stdout (rank 0)");
  cmd->callback([args, &action] { action = [args] { return runBenchAllReduce(*args); }; });
}

}  // namespace binge::cli
