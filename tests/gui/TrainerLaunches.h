#pragma once
// The launches GUI tests start: a small, fast synthetic run (tiny preset, hierarchical batches of 2
// titles × 4 clips, seed 3), with events every `logEvery` steps so a short test on a slow shared CPU
// sees them.
#include "TrainerProcess.h"

#include <QString>

namespace binge::test {

inline binge::ui::TrainerLaunch syntheticLaunch(const QString& runDir, qint64 steps, int logEvery = 2) {
  binge::ui::TrainerLaunch launch;
  launch.config = binge::loadPreset("tiny");
  launch.config.synthetic = true;
  launch.config.data.sampler.kind = "hierarchical";
  launch.config.data.sampler.batchSize = 8;
  launch.config.data.sampler.titlesPerBatch = 2;
  launch.config.steps = steps;
  launch.config.seed = 3;
  launch.config.logEvery = logEvery;
  launch.runDir = runDir;
  return launch;
}

}  // namespace binge::test
