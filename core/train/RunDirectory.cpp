#include "train/RunDirectory.h"

#include "runtime/Error.h"
#include "runtime/AtomicFile.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace binge {
namespace fs = std::filesystem;

namespace {
constexpr const char* kCheckpointPrefix = "step-";
constexpr const char* kCheckpointSuffix = ".pt";

bool parseCheckpointName(const std::string& name, std::int64_t& step) {
  const std::string prefix = kCheckpointPrefix, suffix = kCheckpointSuffix;
  if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return false;
  step = std::stoll(digits);
  return true;
}
}  // namespace

RunDirectory::RunDirectory(fs::path dir) : dir_(std::move(dir)) {}

RunDirectory RunDirectory::create(const fs::path& dir, const nlohmann::json& resolvedConfig) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw RunDirectoryError("run directory " + dir.string() + " is a file");
    bool empty = true;
    for (const auto& entry : fs::directory_iterator(dir, ec)) empty = empty && entry.path().filename() == kLockFile;
    if (!empty)
      throw RunDirectoryError("run directory " + dir.string() +
                              " is not empty; pass --resume to continue it or choose another directory");
  }
  fs::create_directories(dir / "checkpoints", ec);
  if (ec) throw RunDirectoryError("cannot create run directory " + dir.string() + ": " + ec.message());
  RunDirectory run(dir);
  run.config_ = resolvedConfig;
  writeFileAtomically(dir / "config.json", resolvedConfig.dump(2) + "\n");
  writeFileAtomically(dir / "metrics.csv", std::string(kMetricsHeader) + "\n");
  run.events_ = std::make_unique<EventLog>(dir / "events.jsonl");
  return run;
}

RunDirectory RunDirectory::open(const fs::path& dir) {
  const auto configPath = dir / "config.json";
  if (!fs::is_regular_file(configPath))
    throw RunDirectoryError("nothing to resume in " + dir.string() + ": config.json is missing");
  RunDirectory run(dir);
  try {
    run.config_ = nlohmann::json::parse(readWholeFile(configPath));
  } catch (const nlohmann::json::exception& e) {
    throw RunDirectoryError(configPath.string() + " is not valid JSON: " + e.what());
  }
  fs::create_directories(dir / "checkpoints");
  if (!fs::exists(dir / "metrics.csv")) writeFileAtomically(dir / "metrics.csv", std::string(kMetricsHeader) + "\n");
  run.events_ = std::make_unique<EventLog>(dir / "events.jsonl");
  return run;
}

void RunDirectory::updateConfig(const nlohmann::json& resolvedConfig) {
  config_ = resolvedConfig;
  writeFileAtomically(dir_ / "config.json", resolvedConfig.dump(2) + "\n");
}

void RunDirectory::appendMetrics(const MetricsRow& r) {
  std::ostringstream line;
  line << r.step << ',' << std::setprecision(9) << r.loss << ',' << r.lossMean << ',' << std::setprecision(6) << r.lr
       << ',' << r.temperature << ',' << std::fixed << std::setprecision(2) << r.clipsPerSecond << ',' << r.dataWaitMs
       << ',' << r.computeMs << ',' << r.elapsedSeconds << ',' << r.rssMb << '\n';
  std::ofstream out(dir_ / "metrics.csv", std::ios::app | std::ios::binary);
  out << line.str();
  out.flush();
  if (!out) throw Error(ErrorKind::Io, (dir_ / "metrics.csv").string() + ": cannot append");
}

void RunDirectory::truncateMetricsAfter(std::int64_t step) {
  const auto path = dir_ / "metrics.csv";
  std::istringstream in(readWholeFile(path));
  std::string kept, line;
  bool header = true;
  while (std::getline(in, line)) {
    const bool complete = !in.eof();  // a last row without its newline was cut by a kill: drop it
    if (header) {
      kept += line + "\n";
      header = false;
      continue;
    }
    if (line.empty() || !complete) continue;
    if (std::atoll(line.c_str()) <= step) kept += line + "\n";
  }
  writeFileAtomically(path, kept.empty() ? std::string(kMetricsHeader) + "\n" : kept);
}

void RunDirectory::writeStatus(const std::string& state, std::int64_t step, std::int64_t steps) {
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  const nlohmann::json status = {
      {"pid", static_cast<long>(::getpid())}, {"state", state}, {"step", step}, {"steps", steps}, {"time", now}};
  writeFileAtomically(dir_ / "status.json", status.dump(2) + "\n");
}

nlohmann::json RunDirectory::readStatus(const fs::path& dir) {
  try {
    return nlohmann::json::parse(readWholeFile(dir / "status.json"));
  } catch (const std::exception&) {
    return nlohmann::json::object();
  }
}

fs::path RunDirectory::checkpointPath(std::int64_t step) const {
  std::ostringstream name;
  name << kCheckpointPrefix << std::setw(8) << std::setfill('0') << step << kCheckpointSuffix;
  return checkpointDir() / name.str();
}

std::vector<CheckpointFile> RunDirectory::checkpointsIn(const fs::path& dir) {
  std::vector<CheckpointFile> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "checkpoints", ec)) {
    std::int64_t step = 0;
    if (entry.is_regular_file() && parseCheckpointName(entry.path().filename().string(), step))
      files.push_back({step, entry.path()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.step > b.step; });
  return files;
}

void RunDirectory::pruneCheckpoints(int keep) {
  const auto files = checkpoints();
  for (std::size_t i = static_cast<std::size_t>(std::max(keep, 1)); i < files.size(); ++i) {
    std::error_code ec;
    fs::remove(files[i].path, ec);
  }
}

void RunDirectory::removeStaleTemporaries() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(checkpointDir(), ec)) {
    if (entry.path().filename().string().find(".tmp") != std::string::npos) fs::remove(entry.path(), ec);
  }
}

}  // namespace binge
