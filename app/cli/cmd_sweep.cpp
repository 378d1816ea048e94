// binge-cli sweep: the paper's question in one command. A grid of train-option values ×
// seeds, each cell × seed an ordinary run directory under DIR/runs, trained one after another (or
// --parallel N at once) by `binge-cli train` child processes — so a sweep's run is exactly the run a
// user would start by hand, and costs the same. DIR/sweep.json records the plan and each run's state;
// the same command resumes a killed or stopped sweep: finished runs are kept, an interrupted one resumes
// from its checkpoint. The random-init baseline is computed once per preset and seed (DIR/baselines).
// After every run, and with --report at any time, DIR/results.{md,csv,json} and the figures are
// rewritten.
#include "cli/Commands.h"

#include "experiments/SweepLedger.h"
#include "experiments/SweepReport.h"
#include "runtime/FileLock.h"
#include "runtime/Log.h"
#include "train/RunDirectory.h"
#include "train/ConfigFields.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace binge::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct SweepArgs {
  std::string library;
  std::string probe;
  std::string out;
  std::string report;
  std::vector<std::string> grid;
  std::string seeds = "1";
  int parallel = 1;
  bool finalProbe = false;
  bool json = false;
  CLI::App* app = nullptr;
};

volatile std::sig_atomic_t stopRequested = 0;
void requestStop(int) { stopRequested = 1; }

// Interrupts waitpid (no SA_RESTART) so that Ctrl+C reaches the loop at once.
void installStopHandlers() {
  struct sigaction action {};
  action.sa_handler = requestStop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string minutes(double seconds) {
  char text[32];
  const long s = std::lround(std::max(0.0, seconds));
  std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  return text;
}

// Train options that name files are made absolute, so that a sweep resumed from another directory
// (or opened on another machine with the same layout) starts the same runs.
std::vector<std::string> absolutePaths(std::vector<std::string> args) {
  std::vector<std::string> pathOptions = {"--config", "--preset"};
  for (const auto& field : trainConfigFields())
    if (field.isPath) pathOptions.push_back("--" + field.flag);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string& a = args[i];
    for (const auto& option : pathOptions) {
      const std::string prefix = option + "=";
      if (a == option && i + 1 < args.size() && fs::exists(args[i + 1]))
        args[i + 1] = fs::absolute(args[i + 1]).string();
      else if (a.rfind(prefix, 0) == 0 && fs::exists(a.substr(prefix.size())))
        a = prefix + fs::absolute(a.substr(prefix.size())).string();
    }
  }
  return args;
}

bool names(const std::string& arg, const std::string& option) {
  return arg == option || arg.rfind(option + "=", 0) == 0;
}

std::vector<std::string> trainArgv(const SweepPlan& plan, const SweepRun& run, const fs::path& runDir) {
  std::vector<std::string> argv = {"train", "--run", runDir.string(), "--seed", std::to_string(run.seed)};
  argv.insert(argv.end(), plan.fixedArgs.begin(), plan.fixedArgs.end());
  for (const auto& [key, value] : run.cell.values) argv.push_back("--" + key + "=" + value);
  return argv;
}

// Parses a train command line with the real `train` subcommand and runs its --check: an unknown
// option, a bad value or an invalid config stops the sweep before any run starts.
void checkTrainArgv(std::vector<std::string> argv, const std::string& label) {
  CLI::App app;
  GlobalOptions global;
  CommandAction action;
  addTrainCommand(app, global, action);
  argv.push_back("--check");
  std::reverse(argv.begin(), argv.end());  // CLI11 parses a reversed vector
  try {
    app.parse(argv);
    action();
  } catch (const CLI::ParseError& e) {
    throw UsageError("sweep cell " + label + ": " + e.what());
  } catch (const UsageError& e) {
    throw UsageError("sweep cell " + label + ": " + e.what());
  }
}

void validateKeys(const SweepPlan& plan) {
  CLI::App app;
  GlobalOptions global;
  CommandAction action;
  addTrainCommand(app, global, action);
  const CLI::App* train = app.get_subcommand("train");
  for (const auto& axis : plan.grid) {
    if (!train->get_option_no_throw("--" + axis.key))
      throw UsageError("--grid " + axis.key + ": binge-cli train has no option --" + axis.key);
    for (const auto& arg : plan.fixedArgs)
      if (names(arg, "--" + axis.key))
        throw UsageError("--" + axis.key + " is given both as an option of every run and in --grid");
  }
  for (const auto& arg : plan.fixedArgs)
    for (const char* owned : {"--run", "--resume", "--seed", "--check", "--baseline-cache", "--json"})
      if (names(arg, owned))
        throw UsageError(std::string(owned) + " is set by the sweep for each run" +
                         (std::string(owned) == "--seed" ? " (use --seeds)" : ""));
}

std::string lastLine(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

// The sweep's own --threads, passed on to every binge-cli it starts (0: each uses all cores).
int childThreads = 0;

// A child binge-cli (train or probe): stderr, and stdout unless `stdoutFile` is given, appended to its
// log. It receives SIGTERM (for a trainer: a graceful stop with a checkpoint) if the sweep dies, even by
// kill -9, so no child is left orphaned.
pid_t spawnCli(const std::vector<std::string>& cliArgs, const fs::path& log, const fs::path& stdoutFile = {}) {
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<std::string> argv = {self};
  if (childThreads > 0) argv.insert(argv.end(), {"--threads", std::to_string(childThreads)});
  argv.insert(argv.end(), cliArgs.begin(), cliArgs.end());
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("cannot start a trainer: ") + std::strerror(errno));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(1);  // the sweep died between fork and prctl
    signal(SIGINT, SIG_IGN);           // Ctrl+C reaches the sweep, which stops its runs itself
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    if (!stdoutFile.empty()) {
      const int out = open(stdoutFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0) _exit(126);
      dup2(out, STDOUT_FILENO);
      close(out);
    }
    execv(raw[0], raw.data());
    _exit(127);
  }
  return pid;
}

// A trainer of this run left by a sweep that was killed gets SIGTERM and stops with a checkpoint; a
// restarted sweep waits for it to let go of the run (its lock) before it reads or restarts the run, so it
// neither fails on the lock nor reads a half-finished run.
void waitForEarlierTrainer(const fs::path& runDir) {
  if (!fs::exists(runDir / RunDirectory::kLockFile)) return;
  FileLock::acquireWaiting(runDir / RunDirectory::kLockFile, "run directory " + runDir.string(), "binge-cli sweep", 120,
                           [](const std::string& holder) {
                             std::fprintf(stderr, "waiting for %s to stop\n", holder.c_str());
                           });
}  // released here, before the next trainer starts

// `binge-cli probe --json` into `target` (written to a temporary name first, so a killed probe leaves no
// torn file for the report). Returns false when the probe failed; its reason is in the log.
bool probeInto(std::vector<std::string> args, const fs::path& target, const fs::path& log) {
  const fs::path partial = target.string() + ".partial";
  args.insert(args.begin(), "probe");
  args.push_back("--json");
  const pid_t pid = spawnCli(args, log, partial);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fs::remove(partial);
    return false;
  }
  fs::rename(partial, target);
  return true;
}

// The standalone probes of --final-probe that a finished run, or its seed's random init, still lacks.
void finalProbes(const fs::path& dir, const SweepRun& run) {
  const fs::path runDir = SweepLedger::runsDir(dir) / run.name;
  const fs::path log = SweepLedger::logsDir(dir) / (run.name + ".log");
  if (!fs::exists(runDir / kStandaloneProbeFile)) {
    std::fprintf(stderr, "%s: standalone probe\n", run.name.c_str());
    if (!probeInto({"--run", runDir.string()}, runDir / kStandaloneProbeFile, log))
      logWarning(run.name + ": the standalone probe failed (see " + log.string() + ")");
  }
  const fs::path baseline = standaloneBaselinePath(dir, run.seed);
  if (!fs::exists(baseline)) {
    std::fprintf(stderr, "random init, seed %llu: standalone probe\n", static_cast<unsigned long long>(run.seed));
    fs::create_directories(baseline.parent_path());
    if (!probeInto({"--run", runDir.string(), "--random-init"}, baseline, log))
      logWarning("the random-init probe of seed " + std::to_string(run.seed) + " failed (see " + log.string() + ")");
  }
}

struct ActiveRun {
  SweepRun run;
  Clock::time_point began;
};

int runSweep(const SweepArgs& a) {
  const fs::path dir = a.out;
  SweepPlan plan;
  for (const auto& g : a.grid) plan.grid.push_back(parseGridAxis(g));
  validateGrid(plan.grid);
  plan.seeds = parseSeeds(a.seeds);
  if (a.parallel < 1) throw UsageError("--parallel must be at least 1");
  requireExistingPath(a.library, "library");
  plan.finalProbe = a.finalProbe;
  plan.fixedArgs = {"--library", fs::absolute(a.library).string()};
  if (!a.probe.empty()) {
    requireExistingPath(a.probe, "probe folder");
    plan.fixedArgs.insert(plan.fixedArgs.end(), {"--probe", fs::absolute(a.probe).string()});
  }
  const auto extras = absolutePaths(a.app->remaining());
  plan.fixedArgs.insert(plan.fixedArgs.end(), extras.begin(), extras.end());
  validateKeys(plan);

  SweepLedger ledger;
  if (fs::exists(dir / SweepLedger::kFile)) {
    ledger = SweepLedger::load(dir);
    if (toJson(ledger.plan) != toJson(plan))
      throw UsageError(dir.string() + " holds another sweep (" + toJson(ledger.plan).dump() +
                       "); rerun the command that started it to resume, or choose another --out");
  } else {
    // No other content: the GUI's DIR/sweep.log, and what a sweep killed before its first sweep.json
    // leaves (empty runs/ and logs/, the temporary of its ledger write; found by the kill campaign).
    auto leftByAKilledStart = [](const fs::directory_entry& entry) {
      const std::string name = entry.path().filename().string();
      std::error_code ec;
      if (name == "sweep.log") return true;
      if (name == "runs" || name == "logs") return entry.is_directory(ec) && fs::is_empty(entry.path(), ec);
      return name.rfind(std::string(SweepLedger::kFile) + ".tmp-", 0) == 0;
    };
    bool empty = true;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) empty = empty && leftByAKilledStart(entry);
    if (!empty) throw UsageError(dir.string() + " is not empty and holds no sweep.json; choose another --out");
    ledger.plan = plan;
  }
  const auto runs = plan.runs();
  const auto cells = plan.cells();
  for (std::size_t c = 0; c < cells.size(); ++c)
    checkTrainArgv(trainArgv(plan, runs[c], SweepLedger::runsDir(dir) / runs[c].name),
                   cells[c].label());
  fs::create_directories(SweepLedger::runsDir(dir));
  fs::create_directories(SweepLedger::logsDir(dir));
  ledger.pid = getpid();
  ledger.parallel = a.parallel;
  ledger.save(dir);

  installStopHandlers();
  std::vector<SweepRun> queue;
  for (const auto& run : runs) {
    const auto progress = inspectRun(SweepLedger::runsDir(dir) / run.name);
    if (progress.finished()) {
      ledger.runs[run.name].state = "finished";
      if (plan.finalProbe && !stopRequested) finalProbes(dir, run);  // killed between training and probe
      continue;
    }
    queue.push_back(run);
  }
  const std::size_t done = runs.size() - queue.size();
  std::fprintf(stderr, "sweep %s: %zu runs (%zu cells × %zu seeds), %zu finished before, %d at a time\n",
               dir.c_str(), runs.size(), cells.size(), plan.seeds.size(), done, a.parallel);
  ledger.save(dir);

  std::map<pid_t, ActiveRun> active;
  std::size_t next = 0, started = 0;
  double finishedSeconds = 0;
  int finishedNow = 0, failed = 0;
  while ((next < queue.size() && !stopRequested) || !active.empty()) {
    while (!stopRequested && next < queue.size() && static_cast<int>(active.size()) < a.parallel) {
      const SweepRun run = queue[next++];
      const fs::path runDir = SweepLedger::runsDir(dir) / run.name;
      waitForEarlierTrainer(runDir);
      const auto progress = inspectRun(runDir);
      std::vector<std::string> argv;
      if (progress.resumable()) {
        argv = {"train", "--run", runDir.string(), "--resume"};
      } else {
        if (progress.exists) fs::remove_all(runDir);  // stopped before its first checkpoint: start again
        argv = trainArgv(plan, run, runDir);
      }
      argv.insert(argv.end(), {"--baseline-cache", (dir / "baselines").string()});
      const pid_t pid = spawnCli(argv, SweepLedger::logsDir(dir) / (run.name + ".log"));
      active[pid] = {run, Clock::now()};
      auto& record = ledger.runs[run.name];
      record.state = "running";
      ++record.attempts;
      ledger.save(dir);
      std::fprintf(stderr, "[%zu/%zu] %s: %s\n", done + ++started, runs.size(), run.name.c_str(),
                   progress.resumable() ? "resuming from its checkpoint" : "started");
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR && stopRequested)
        for (const auto& [child, run] : active) kill(child, SIGTERM);  // each stops with a checkpoint
      if (errno == ECHILD) break;
      continue;
    }
    const auto it = active.find(pid);
    if (it == active.end()) continue;
    const ActiveRun finished = it->second;
    active.erase(it);
    const double seconds = std::chrono::duration<double>(Clock::now() - finished.began).count();
    auto& record = ledger.runs[finished.run.name];
    record.wallSeconds += seconds;
    record.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const auto progress = inspectRun(SweepLedger::runsDir(dir) / finished.run.name);
    if (record.exitCode == 0 && progress.finished()) {
      record.state = "finished";
      record.message.clear();
      finishedSeconds += seconds;
      ++finishedNow;
    } else if (progress.state == "stopped" || stopRequested) {
      record.state = "stopped";
    } else {
      record.state = "failed";
      record.message = lastLine(SweepLedger::logsDir(dir) / (finished.run.name + ".log"));
      ++failed;
    }
    ledger.save(dir);
    const std::size_t left = queue.size() - next + active.size();
    const double eta = finishedNow > 0 ? finishedSeconds / finishedNow * std::ceil(double(left) / a.parallel) : NAN;
    std::fprintf(stderr, "%s: %s after %s%s%s\n", finished.run.name.c_str(), record.state.c_str(),
                 minutes(seconds).c_str(), record.message.empty() ? "" : (" — " + record.message).c_str(),
                 left > 0 && std::isfinite(eta) ? (", " + std::to_string(left) + " left, ETA " + minutes(eta)).c_str() : "");
    if (record.state == "finished" && plan.finalProbe && !stopRequested) finalProbes(dir, finished.run);
    try {
      writeSweepReport(dir);
    } catch (const std::exception& e) {
      logWarning(std::string("the report could not be written: ") + e.what());
    }
  }
  ledger.pid = 0;
  ledger.save(dir);
  writeSweepReport(dir);
  int finishedAll = 0;
  for (const auto& run : runs) finishedAll += inspectRun(SweepLedger::runsDir(dir) / run.name).finished();
  std::fprintf(stderr, "sweep %s: %d of %zu runs finished%s; results in %s\n", dir.c_str(), finishedAll, runs.size(),
               stopRequested ? " (stopped: rerun the same command to continue)" : "", (dir / "results.md").c_str());
  if (a.json)
    printJson({{"sweep", dir.string()}, {"runs", runs.size()}, {"finished", finishedAll}, {"failed", failed},
               {"results", (dir / "results.json").string()}});
  if (stopRequested) return 130;
  return failed > 0 ? 1 : 0;
}

int reportSweep(const SweepArgs& a) {
  const SweepResults results = writeSweepReport(a.report);
  if (a.json) printJson(results.json);
  else std::fputs(results.markdown.c_str(), stdout);
  return 0;
}

}  // namespace

void addSweepCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "sweep", "Train a grid of runs × seeds into one folder and tabulate their probes (any train option may follow)");
  args->app = cmd;
  cmd->allow_extras();
  cmd->add_option("--library", args->library, "Library file (JSON) every run trains on");
  cmd->add_option("--probe", args->probe, "Probe set folder (live probes, the results table)");
  cmd->add_option("--out", args->out, "Sweep folder: sweep.json, runs/, logs/, results.md|csv|json");
  cmd->add_option("--grid", args->grid, "KEY=V1,V2[,...]: a train option (flag name without dashes) and its values; repeatable");
  cmd->add_option("--seeds", args->seeds, "Seeds of every cell: 1,2,3 or 1-3")->capture_default_str();
  cmd->add_option("--parallel", args->parallel, "Runs at once")->capture_default_str();
  cmd->add_option("--report", args->report, "Only rewrite the results of the sweep in this folder (also while it runs)");
  cmd->add_flag("--final-probe", args->finalProbe,
                "After each run, also the standalone probe (binge-cli probe: three clips per item, retrieval), and "
                "of random init once per seed");
  cmd->add_flag("--json", args->json, "Print a JSON summary (with --report: results.json) on stdout");
  cmd->callback([args, &action, &global] {
    action = [args, &global] {
      childThreads = global.threads;
      if (!args->report.empty()) return reportSweep(*args);
      if (args->out.empty()) throw UsageError("sweep: --out is required (or --report DIR)");
      if (args->library.empty()) throw UsageError("sweep: --library is required");
      return runSweep(*args);
    };
  });
}

}  // namespace binge::cli
