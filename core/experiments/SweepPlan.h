#pragma once
// The plan of a sweep: a grid of train-option values × seeds, expanded into one run per cell
// and seed. Keys are `binge-cli train` flag names without their dashes, so a grid reads like the
// command it varies ("sampler=uniform,hierarchical"). Torch-free: the GUI builds plans too.
#include "runtime/Error.h"
#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace binge {

// A grid or seed list that cannot be run: one line naming the argument and why.
struct SweepError : Error {
  explicit SweepError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

struct GridAxis {
  std::string key;                  // train flag without dashes: "sampler", "lr", "batch", …
  std::vector<std::string> values;  // in the order given
};

struct SweepCell {
  std::vector<std::pair<std::string, std::string>> values;  // one (key, value) per axis
  std::string label() const;  // "sampler=uniform lr=0.001"; "all" for an empty grid
};

struct SweepRun {
  SweepCell cell;
  std::size_t cellIndex = 0;
  std::uint64_t seed = 0;
  std::string name;  // directory name under DIR/runs: "sampler-uniform.seed-1"
};

struct SweepPlan {
  std::vector<GridAxis> grid;
  std::vector<std::uint64_t> seeds;
  std::vector<std::string> fixedArgs;  // train options every run gets (library, probe, steps, …)
  bool finalProbe = false;  // a standalone `binge-cli probe` after each run, and of random init per seed

  std::vector<SweepCell> cells() const;  // the cartesian product, first axis slowest
  // cells × seeds, seeds outermost: a sweep cut short still compares every cell on its first seeds.
  std::vector<SweepRun> runs() const;
};

// "KEY=V1,V2[,...]". Throws SweepError for a missing '=', an empty key, an empty value list or value.
GridAxis parseGridAxis(const std::string& text);
// "1,2,3" or "1-3". Throws SweepError for anything else, a duplicate, or an empty list.
std::vector<std::uint64_t> parseSeeds(const std::string& text);
// A repeated key across axes, or a key that is not allowed to vary (run, resume, seed, …): SweepError.
void validateGrid(const std::vector<GridAxis>& grid);

nlohmann::json toJson(const SweepPlan& plan);
SweepPlan sweepPlanFromJson(const nlohmann::json& j);  // throws SweepError naming what is missing

}  // namespace binge
