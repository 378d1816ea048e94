#pragma once
// The series of one run, accumulated from its events.jsonl (docs/architecture.md, Files) into plain structs: the plots
// read these, the follower fills them. A value type without Qt objects, so it can be built off the GUI
// thread and copied across. Torch-free.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace binge::ui {

struct StepPoint {
  std::int64_t step = 0;
  double loss = 0;
  double lr = 0;
  double clipsPerSecond = 0;
  double dataWaitMs = 0;
  double computeMs = 0;
  double elapsedSeconds = 0;
};

// Accuracy in [0, 1]; NaN where the probe event had no such entry.
struct ProbePoint {
  std::int64_t step = 0;
  double videoKnn = 0, videoLinear = 0;
  double audioKnn = 0, audioLinear = 0;
  double bothKnn = 0, bothLinear = 0;
  double chance = 0;
  // 95 % intervals (low, high) of the four plotted accuracies; NaN in events written before they existed.
  double videoKnnLow = 0, videoKnnHigh = 0, videoLinearLow = 0, videoLinearHigh = 0;
  double audioKnnLow = 0, audioKnnHigh = 0, audioLinearLow = 0, audioLinearHigh = 0;
  // The random-init model of the same preset and seed on the same probe set (the dashed lines).
  double baseVideoKnn = 0, baseVideoLinear = 0, baseAudioKnn = 0, baseAudioLinear = 0;
  // Share of each item's 10 nearest neighbours from its event class / its show, and chance for each.
  double videoSameClass = 0, videoSameShow = 0, audioSameClass = 0, audioSameShow = 0;
  double sameClassChance = 0, sameShowChance = 0;
  double baseVideoSameShow = 0, baseAudioSameShow = 0;
};

// Mean cosine similarities of one logged batch (train/HardnessStats).
struct HardnessPoint {
  std::int64_t step = 0;
  double positive = 0;
  double sameTitleNegative = 0;
  double crossTitleNegative = 0;
  double easyNegativeShare = 0;
  long sameTitlePairs = 0;
};

struct RunMetrics {
  std::vector<StepPoint> steps;
  std::vector<ProbePoint> probes;
  std::vector<HardnessPoint> hardness;
  std::vector<std::string> errors;  // "step N: kind: message"
  std::string state;                // last status event's state ("" before any)
  std::int64_t step = 0;            // latest step seen in any event
  std::int64_t totalSteps = 0;
  double etaSeconds = -1;           // from the last step event; < 0 = unknown
  double clipsPerSecond = 0;
  std::int64_t lastCheckpointStep = -1;
  int checkpoints = 0;
  long events = 0;
  // Bumped when a "resumed" status drops points: a plot that appends only the new points must redraw.
  int rewinds = 0;
  // Data-parallel runs (docs/distributed.md): the "running" status event names the job's shape. Kept
  // from the first status that has them (a later "paused"/"running" after a pause carries none).
  int worldSize = 1;
  std::string backend;
  std::int64_t globalBatch = 0;

  // Folds one event in. A "resumed" status rewinds the series to its checkpoint's step: the trainer
  // repeats the steps after it, and the plot must not show them twice.
  void add(const nlohmann::json& event);
  void clear() { *this = RunMetrics{}; }
};

// Exponential moving average with TensorBoard's debiasing (the first points are not pulled to 0).
// weight in [0, 1): 0 = raw.
std::vector<double> smoothed(const std::vector<double>& values, double weight);

}  // namespace binge::ui
