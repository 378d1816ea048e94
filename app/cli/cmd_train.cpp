// binge-cli train: contrastive audio-visual training into a run directory (docs/architecture.md: Process model,
// Files, CLI contract). Progress goes to stderr; the run directory is the real output. Controlled through stdin
// (pause, resume, stop, checkpoint) and SIGINT/SIGTERM (graceful stop), so the GUI can drive it as a child process.
#include "cli/Commands.h"

#include "cli/ConfigOptions.h"
#include "cli/DistributedOptions.h"
#include "eval/LiveProbe.h"
#include "runtime/AtomicFile.h"
#include "runtime/FileLock.h"
#include "runtime/Log.h"
#include "train/DistributedEnvironment.h"
#include "train/DistributedSession.h"
#include "train/ConfigFields.h"
#include "train/SyntheticBatchSource.h"
#include "train/TrainConfig.h"
#include "train/TrainControl.h"
#include "train/Trainer.h"

#include "data/LibraryBatchSource.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

namespace binge::cli {
namespace {

// What `train` is asked to do besides the settings: where the run goes, where its config comes from,
// and how to run it. The settings themselves are the field table's options (cli/ConfigOptions.h).
struct TrainArgs {
  std::string run;
  std::string preset = "tiny";
  std::string config;         // JSON file of overrides applied after the preset
  std::string baselineCache;  // folder of random-init baselines shared between runs (a sweep's)
  std::int64_t stopAfter = 0;
  bool resume = false;
  bool json = false;
  bool check = false;  // resolve and validate only
  ConfigOptions settings;
  // Data-parallel: torchrun's / Slurm's environment, overridden by these flags when given.
  DistributedFlags distributed;
  bool localNegatives = false;
  CLI::App* app = nullptr;
  bool given(const char* name) const { return app->count(name) > 0; }
};

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  return text;
}

TrainConfig resolveNewConfig(const TrainArgs& a) {
  TrainConfig config;
  try {
    config = loadPreset(a.preset);
    if (!a.config.empty()) {
      requireExistingPath(a.config, "config file");
      applyJson(config, nlohmann::json::parse(readWholeFile(a.config)));
    }
    const nlohmann::json patch = a.settings.patch();
    applyJson(config, patch);
    // A probe set with no interval anywhere gets the default one.
    if (patch.contains("probe_dir") && !patch.contains("probe_every") && config.probeEvery == 0)
      config.probeEvery = kDefaultProbeEvery;
    validate(config);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("invalid training config: ") + e.what());
  } catch (const nlohmann::json::exception& e) {
    throw UsageError("config file " + a.config + " is not valid JSON: " + e.what());
  }
  if (!config.synthetic) requireExistingPath(config.data.libraryPath, "library");
  if (!config.probeDir.empty()) requireExistingPath(config.probeDir, "probe folder");
  return config;
}

std::unique_ptr<BatchSource> makeSource(const TrainConfig& config, Shard shard = {}) {
  if (config.synthetic) return std::make_unique<SyntheticBatchSource>(config, 16, 0, shard);
  return makeLibraryBatchSource(config.data, shard);
}

// One trainer per run directory: a second one (another shell, the GUI) is refused with the first's pid.
FileLock lockRun(const std::filesystem::path& runPath) {
  std::error_code ec;
  std::filesystem::create_directories(runPath, ec);
  return FileLock::acquire(runPath / RunDirectory::kLockFile, "run directory " + runPath.string(), "binge-cli train");
}

// Creates the run directory (new run) or opens it and resolves its config (resume), holding its lock.
TrainConfig openRun(const TrainArgs& a, std::optional<RunDirectory>& run, std::optional<FileLock>& lock) {
  const std::filesystem::path runPath = a.run;
  TrainConfig config;
  if (a.resume && !std::filesystem::exists(runPath / "config.json"))
    throw UsageError("nothing to resume in " + runPath.string() + ": config.json is missing");
  lock.emplace(lockRun(runPath));
  if (a.resume) {
    run.emplace(RunDirectory::open(runPath));
    config = trainConfigFromJson(run->config());
    // Settings that may change on resume (the step budget) come from the command line; the run's
    // own config.json keeps the rest.
    const nlohmann::json given = a.settings.patch();
    nlohmann::json patch = nlohmann::json::object();
    for (const auto& flag : a.settings.givenFlags()) {
      const ConfigField& field = *fieldByFlag(flag);
      if (field.changesOnResume)
        patch[field.pointer()] = given.at(field.pointer());
      else
        logWarning("--" + flag + " is ignored with --resume: the run continues with its config.json");
    }
    applyJson(config, patch);
    validate(config);
    for (const char* option : {"--preset", "--config"})
      if (a.given(option))
        logWarning(std::string(option) + " is ignored with --resume: the run continues with its config.json");
    if (!config.synthetic) requireExistingPath(config.data.libraryPath, "library of the resumed run");
    run->updateConfig(toJson(config));
  } else {
    config = resolveNewConfig(a);
    run.emplace(RunDirectory::create(runPath, toJson(config)));
  }
  return config;
}

void printStep(const StepReport& r) {
  std::fprintf(stderr, "step %lld/%lld  loss %.4f  lr %.2e  %.1f clips/s  ETA %s\n", static_cast<long long>(r.step),
               static_cast<long long>(r.steps), r.loss, r.lr, r.clipsPerSecond, formatDuration(r.etaSeconds).c_str());
}

int printResult(const TrainArgs& a, const TrainConfig& config, const TrainResult& result) {
  const bool stopped = result.outcome == TrainOutcome::Stopped;
  std::fprintf(stderr, "%s at step %lld, loss %.4f\n", stopped ? "stopped" : "finished",
               static_cast<long long>(result.step), result.lastLoss);
  if (a.json)
    printJson({{"run", a.run},
               {"state", stopped ? "stopped" : "finished"},
               {"step", result.step},
               {"steps", config.steps},
               {"loss", result.lastLoss}});
  return 0;
}

// One rank of a data-parallel job (docs/distributed.md). Rank 0 resolves the config and owns the run
// directory; the others receive the config through the rendezvous store, so they need no copy of the
// preset or config file (the library and, on resume, the run directory must be reachable by all).
int runDistributedTrain(const TrainArgs& a, const DistributedEnvironment& env) {
  DistributedSession session(env, torch::kCPU);
  const std::filesystem::path runPath = a.run;
  std::optional<RunDirectory> run;
  std::optional<FileLock> lock;
  TrainConfig config;
  if (session.rank() == 0) {
    std::string failure;
    ErrorKind failureKind = ErrorKind::Internal;
    try {
      config = openRun(a, run, lock);
    } catch (const std::exception& e) {
      failure = e.what();
      failureKind = errorKindOf(e);
    }
    // The other ranks wait for this answer: send them the failure too, so everybody stops at once.
    const nlohmann::json shared = failure.empty() ? nlohmann::json{{"config", toJson(config)}}
                                                  : nlohmann::json{{"error", failure}};
    session.shareFromRoot("start", shared.dump());
    if (!failure.empty()) throw Error(failureKind, failure);
  } else {
    const auto shared = nlohmann::json::parse(session.shareFromRoot("start", ""));
    if (shared.contains("error"))
      throw UsageError("rank 0 could not start the run: " + shared.at("error").get<std::string>());
    config = trainConfigFromJson(shared.at("config"));
  }

  auto source = makeSource(config, Shard{session.rank(), session.worldSize()});
  TrainControl control;
  TrainControl::installStopSignalHandlers();
  std::optional<StdinControlReader> stdinReader;
  if (session.rank() == 0) stdinReader.emplace(control);
  DistributedTraining distributed;
  distributed.session = &session;
  distributed.globalNegatives = !a.localNegatives;
  Trainer trainer(config, *source, run ? &*run : nullptr, runPath, control, distributed);
  if (a.resume) trainer.resumeFromLatestCheckpoint();
  if (session.rank() == 0) {
    std::fprintf(stderr, "training %s on %d ranks (%s, global batch %d, %s negatives) into %s\n",
                 config.model.architecture.c_str(), session.worldSize(), session.backend().c_str(),
                 config.data.sampler.batchSize * session.worldSize(), a.localNegatives ? "local" : "global", runPath.c_str());
    if (!config.probeDir.empty() && config.probeEvery > 0)
      trainer.setProbeHook(makeLiveProbeHook(config, trainer.device(), runPath));
    trainer.setProgressCallback(printStep);
  }
  trainer.setStopAfter(a.stopAfter);
  const TrainResult result = trainer.run();
  return session.rank() == 0 ? printResult(a, config, result) : 0;
}

// --check: what a run would be given, without touching the run directory (binge-cli sweep validates each
// cell of its grid this way before it starts the first run).
int checkTrain(const TrainArgs& a) {
  const TrainConfig config = a.resume ? trainConfigFromJson(RunDirectory::open(a.run).config()) : resolveNewConfig(a);
  if (a.json) printJson(toJson(config));
  else std::fprintf(stderr, "config of %s is valid\n", a.run.c_str());
  return 0;
}

int runTrain(const TrainArgs& a) {
  if (a.check) return checkTrain(a);
  const auto env = resolveDistributedFlags(a.distributed);
  if (env.distributed()) return runDistributedTrain(a, env);
  const std::filesystem::path runPath = a.run;
  std::optional<RunDirectory> run;
  std::optional<FileLock> lock;
  const TrainConfig config = openRun(a, run, lock);

  auto source = makeSource(config);
  TrainControl control;
  TrainControl::installStopSignalHandlers();
  StdinControlReader stdinReader(control);
  Trainer trainer(config, *source, *run, control);
  if (a.resume) {
    const auto from = trainer.resumeFromLatestCheckpoint();
    std::fprintf(stderr, "resuming %s at step %lld of %lld\n", runPath.c_str(), static_cast<long long>(from),
                 static_cast<long long>(config.steps));
  }
  std::fprintf(stderr, "training %s (%s preset, %s) on %s into %s\n", config.model.architecture.c_str(),
               config.preset.empty() ? "custom" : config.preset.c_str(),
               config.synthetic ? "synthetic batches" : config.data.sampler.kind.c_str(), trainer.device().str().c_str(),
               runPath.c_str());
  if (!config.probeDir.empty() && config.probeEvery > 0) {
    trainer.setProbeHook(makeLiveProbeHook(config, trainer.device(), runPath, a.baselineCache));
  }
  trainer.setStopAfter(a.stopAfter);
  trainer.setProgressCallback(printStep);
  return printResult(a, config, trainer.run());
}

}  // namespace

void addTrainCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = parent.add_subcommand("train", "Train the audio-visual model into a run directory");
  args->app = cmd;
  cmd->add_option("--run", args->run, "Run directory (created; must be empty unless --resume)")->required();
  cmd->add_option("--preset", args->preset, "Preset name (tiny, paper) or path to a preset JSON")->capture_default_str();
  cmd->add_option("--config", args->config, "JSON file of config overrides applied after the preset (then the flags)");
  args->settings.addTo(cmd);
  cmd->add_option("--stop-after", args->stopAfter, "Stop gracefully after this step (as if 'stop' arrived)");
  cmd->add_flag("--resume", args->resume, "Continue the run in --run from its latest valid checkpoint");
  cmd->add_flag("--json", args->json, "Print a JSON summary on stdout at the end");
  cmd->add_flag("--check", args->check, "Resolve and validate the config (printed with --json), then exit");
  cmd->add_option("--baseline-cache", args->baselineCache,
                  "Folder of random-init probe baselines shared between runs (binge-cli sweep sets it)");
  addDistributedFlags(cmd, args->distributed);
  cmd->add_flag("--local-negatives", args->localNegatives,
                "InfoNCE against this rank's batch only (default: the whole global batch)")
      ->group(cmd->get_option("--rank")->get_group());
  cmd->callback([args, &action] { action = [args] { return runTrain(*args); }; });
}

}  // namespace binge::cli
