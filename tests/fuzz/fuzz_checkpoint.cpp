// The checkpoint reader: a checkpoint torn by a kill, damaged on disk or not Binge's at all must be refused
// with CheckpointError (the trainer then falls back to the previous one), never crash. The fuzz build
// skips the parameter checksum (BINGE_FUZZING) so that mutated files reach everything behind it.
#include "FuzzTarget.h"
#include "FuzzFixtures.h"
#include "MemoryFile.h"

#include "train/Checkpoint.h"

#include <exception>

namespace {

struct Parts {
  binge::AudioVisualModel model{binge::fuzz::seedModelConfig()};
  binge::ContrastiveLoss loss{binge::LossConfig{}};
  torch::optim::Adam optimizer{[this] {
    auto parameters = model->parameters();
    for (auto& p : loss->parameters()) parameters.push_back(p);
    return parameters;
  }()};
};

}  // namespace

BINGE_FUZZ_TARGET(checkpoint) {
  static Parts parts;
  const binge::fuzz::MemoryFile file(data, size, "step-00000003.pt");
  try {
    (void)binge::loadCheckpoint(file.path(), {parts.model, parts.loss, parts.optimizer});
  } catch (const binge::CheckpointError&) {
  }
  try {
    (void)binge::loadModelWeights(file.path(), parts.model);
  } catch (const binge::CheckpointError&) {
  }
  return 0;
}
