#pragma once
// The results of a sweep: one row per grid cell over its finished runs — the final
// live probe's accuracies (video, audio, both; kNN and linear), the neighbour shares, hardness, final
// loss and wall time — as mean ± std with a 95 % t-interval over seeds and the number of runs `n`, plus
// the random-init row of the same preset and seeds. Written as DIR/results.md, results.csv and
// results.json (which keeps each run's own binomial interval) and probe-vs-step figures
// DIR/probe-video.svg and DIR/probe-audio.svg. Can run at any time, also while the sweep runs: unfinished
// runs are listed but not averaged. Torch-free.
#include "experiments/SeedStatistics.h"
#include "experiments/SweepLedger.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binge {

// A run's standalone probe (`binge-cli probe --json`, three clips per item), when the sweep ran one.
constexpr const char* kStandaloneProbeFile = "probe.json";
// The standalone random-init probe of one seed (every run of the seed shares it).
inline std::filesystem::path standaloneBaselinePath(const std::filesystem::path& sweepDir, std::uint64_t seed) {
  return sweepDir / "baselines" / ("standalone-random-init-seed-" + std::to_string(seed) + ".json");
}

// Metric names in table order: video_knn, video_linear, audio_knn, …, final_loss, wall_seconds.
const std::vector<std::string>& sweepMetricNames();

struct SweepRow {
  std::string label;  // the cell's label, or "random init"
  std::vector<std::pair<std::string, std::string>> cell;
  int runs = 0;       // runs planned for the row
  std::vector<std::pair<std::string, SeedStatistics>> metrics;  // only metrics some run reported
  const SeedStatistics* metric(const std::string& name) const;
};

struct SweepResults {
  std::vector<SweepRow> rows;  // cells in plan order, then "random init" when any run probed
  nlohmann::json json;         // the whole of results.json
  std::string markdown;        // results.md
  std::string csv;             // results.csv
};

// Reads DIR/sweep.json and the run directories. Throws SweepError when DIR is not a sweep.
SweepResults collectSweepResults(const std::filesystem::path& sweepDir);
// Writes results.md, results.csv, results.json and the figures into DIR (each atomically).
SweepResults writeSweepReport(const std::filesystem::path& sweepDir);

}  // namespace binge
