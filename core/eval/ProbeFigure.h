#pragma once
// Probe accuracy against training step for a set of runs, as an SVG figure written without Qt: runs
// are grouped (by sampler, by default), each group drawn as its mean over runs with a
// ± one standard deviation band, the random-init baseline of the same runs dashed and chance dotted.
// The numbers come from the runs' live probe events (events.jsonl). Torch-free.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace binge {

struct ProbeSeries {
  std::string run;                                   // run directory
  std::string group;                                 // legend entry (the run's sampler unless given)
  std::vector<std::pair<std::int64_t, double>> points;  // (step, accuracy in [0, 1])
  double randomInit = -1;                            // the run's random-init accuracy; -1 unknown
  double chance = -1;
};

// modality: video | audio | both; kind: linear | knn. Throws std::runtime_error naming the run when its
// events cannot be read; a run without probe events gives an empty series.
ProbeSeries readProbeSeries(const std::filesystem::path& runDir, const std::string& modality, const std::string& kind);

// One panel; `title` on top, y in percent, x in steps.
std::string probeFigureSvg(const std::vector<ProbeSeries>& runs, const std::string& title);

}  // namespace binge
