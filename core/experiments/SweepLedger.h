#pragma once
// DIR/sweep.json: the plan of a sweep and the state of each of its runs, rewritten atomically
// after every change so that `binge-cli sweep --report`, the GUI and a restarted sweep read a whole file.
// The run directories themselves are the truth about progress (status.json, checkpoints); the ledger adds
// what only the sweep knows: wall time per run, exit codes, why a run failed. Torch-free.
#include "experiments/SweepPlan.h"

#include <filesystem>
#include <map>
#include <string>

namespace binge {

struct SweepRunRecord {
  std::string state = "pending";  // pending | running | finished | failed | stopped
  double wallSeconds = 0;         // all attempts together
  int attempts = 0;
  int exitCode = 0;
  std::string message;            // the last line a failed run printed
};

struct SweepLedger {
  SweepPlan plan;
  std::map<std::string, SweepRunRecord> runs;  // by SweepRun::name
  long pid = 0;  // the sweep process while it runs (the GUI's Stop signals it); 0 when none
  int parallel = 1;  // runs at once, as last started (the GUI's Resume starts it the same way)

  static constexpr const char* kFile = "sweep.json";
  static std::filesystem::path runsDir(const std::filesystem::path& sweepDir) { return sweepDir / "runs"; }
  static std::filesystem::path logsDir(const std::filesystem::path& sweepDir) { return sweepDir / "logs"; }

  // Throws SweepError naming the file when it is missing or not a sweep ledger.
  static SweepLedger load(const std::filesystem::path& sweepDir);
  void save(const std::filesystem::path& sweepDir) const;  // atomic; throws naming the path
};

// What a run directory says about itself.
struct RunProgress {
  bool exists = false;
  bool hasConfig = false;
  int checkpoints = 0;
  std::string state;  // status.json's state ("" when missing)
  std::int64_t step = 0;
  std::int64_t steps = 0;
  bool finished() const { return state == "finished" && steps > 0 && step >= steps; }
  bool resumable() const { return hasConfig && checkpoints > 0; }
};

RunProgress inspectRun(const std::filesystem::path& runDir);

}  // namespace binge
