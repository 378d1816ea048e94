// The small files of a run and a sweep that other processes write and the GUI, `sweep --report` and a
// restarted sweep read: sweep.json, status.json and metrics.csv. The input is the three files one after
// another, separated by a line "--8<--".
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "experiments/SweepLedger.h"
#include "experiments/SweepReport.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"

#include <array>
#include <exception>
#include <fstream>
#include <string>

namespace {
namespace fs = std::filesystem;

std::array<std::string, 3> splitParts(const std::uint8_t* data, std::size_t size) {
  static const std::string marker = "\n--8<--\n";
  const std::string all(reinterpret_cast<const char*>(data), size);
  std::array<std::string, 3> parts;
  std::size_t from = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t at = i < 2 ? all.find(marker, from) : std::string::npos;
    parts[i] = all.substr(from, at == std::string::npos ? std::string::npos : at - from);
    if (at == std::string::npos) break;
    from = at + marker.size();
  }
  return parts;
}

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary | std::ios::trunc) << text; }

// A run folder with a valid config.json and the fuzzed status.json and metrics.csv.
void fillRun(const fs::path& run, const std::string& status, const std::string& metrics) {
  fs::create_directories(run);
  write(run / "config.json", binge::toJson(binge::TrainConfig{}).dump());
  write(run / "status.json", status);
  write(run / "metrics.csv", metrics);
}

}  // namespace

BINGE_FUZZ_TARGET(run_files) {
  const auto [ledgerText, status, metrics] = splitParts(data, size);
  const fs::path sweep = binge::fuzz::scratchFolder() / "sweep";
  std::error_code ec;
  fs::remove_all(sweep, ec);
  fs::create_directories(binge::SweepLedger::runsDir(sweep));
  write(sweep / binge::SweepLedger::kFile, ledgerText);

  const fs::path run = binge::SweepLedger::runsDir(sweep) / "run";
  fillRun(run, status, metrics);
  (void)binge::RunDirectory::readStatus(run);
  (void)binge::inspectRun(run);
  try {
    binge::RunDirectory::open(run).truncateMetricsAfter(3);
  } catch (const std::exception&) {
  }
  try {
    const auto ledger = binge::SweepLedger::load(sweep);
    for (const auto& [name, record] : ledger.runs) {
      const fs::path named(name);
      if (!named.has_filename() || named.has_parent_path() || name == "." || name == "..") continue;
      fillRun(binge::SweepLedger::runsDir(sweep) / named, status, metrics);
    }
    (void)binge::collectSweepResults(sweep);
  } catch (const std::exception&) {
  }
  return 0;
}
