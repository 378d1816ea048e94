#pragma once
// A run directory exactly as docs/architecture.md, Files:
//   config.json   fully resolved TrainConfig (written once, atomically)
//   events.jsonl  EventLog: step | probe | batch | checkpoint | status | error
//   metrics.csv   one row per logged step (header below)
//   checkpoints/  step-<8 digits>.pt, written to a temporary name then renamed; the last N kept
//   status.json   {pid, state, step, steps, time}, rewritten atomically on every state change
//   export/       left to the export command
// Torch-free: the GUI opens run directories written by headless servers.
#include "runtime/Error.h"
#include "train/EventLog.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace binge {

// A run directory that cannot be used as asked (non-empty without resume, nothing to resume, …).
struct RunDirectoryError : Error {
  explicit RunDirectoryError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

struct MetricsRow {
  std::int64_t step = 0;
  double loss = 0;        // this step's loss
  double lossMean = 0;    // mean over the steps since the previous row
  double lr = 0;
  double temperature = 0;
  double clipsPerSecond = 0;
  double dataWaitMs = 0;  // mean per step since the previous row
  double computeMs = 0;
  double elapsedSeconds = 0;
  double rssMb = 0;
};

struct CheckpointFile {
  std::int64_t step = 0;
  std::filesystem::path path;
};

class RunDirectory {
 public:
  static constexpr const char* kMetricsHeader =
      "step,loss,loss_mean,lr,temperature,clips_per_s,data_wait_ms,compute_ms,elapsed_s,rss_mb";

  // The trainer's lock (runtime/FileLock.h): one writer per run directory. Not counted as content.
  static constexpr const char* kLockFile = ".lock";

  // A new run: `dir` must not exist or be empty (its lock file aside), else RunDirectoryError ("… is not empty; pass --resume
  // to continue it or choose another directory"). Writes config.json and the metrics header.
  static RunDirectory create(const std::filesystem::path& dir, const nlohmann::json& resolvedConfig);
  // An existing run (for --resume): config.json must exist and parse, else RunDirectoryError.
  static RunDirectory open(const std::filesystem::path& dir);

  const std::filesystem::path& path() const { return dir_; }
  const nlohmann::json& config() const { return config_; }
  // Rewrites config.json (resume may extend the step count).
  void updateConfig(const nlohmann::json& resolvedConfig);

  EventLog& events() { return *events_; }
  void appendMetrics(const MetricsRow& row);
  // Resume rewinds to a checkpoint: rows after it would be duplicated by the steps done again.
  void truncateMetricsAfter(std::int64_t step);
  void writeStatus(const std::string& state, std::int64_t step, std::int64_t steps);

  std::filesystem::path checkpointDir() const { return dir_ / "checkpoints"; }
  std::filesystem::path checkpointPath(std::int64_t step) const;
  // Finished checkpoints, newest first (temporary files of an interrupted write are not listed).
  std::vector<CheckpointFile> checkpoints() const { return checkpointsIn(dir_); }
  // The same for a run directory this process does not write (the other ranks of a data-parallel job).
  static std::vector<CheckpointFile> checkpointsIn(const std::filesystem::path& dir);
  void pruneCheckpoints(int keep);
  // Deletes temporary files left by a checkpoint write that was killed.
  void removeStaleTemporaries();

  static nlohmann::json readStatus(const std::filesystem::path& dir);  // {} when missing/unreadable

 private:
  explicit RunDirectory(std::filesystem::path dir);
  std::filesystem::path dir_;
  nlohmann::json config_;
  std::unique_ptr<EventLog> events_;
};

}  // namespace binge
