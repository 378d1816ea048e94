#pragma once
// A run's model, ready for evaluation: the resolved config from config.json, the weights of one
// checkpoint (or a fresh seeded initialisation — the random-init baseline every plot needs), on the
// run's device, in eval mode. Only the model part of a checkpoint is read: evaluation needs neither the
// optimizer nor the sampler state.
#include "runtime/Error.h"
#include "model/AudioVisualModel.h"
#include "train/TrainConfig.h"

#include <torch/torch.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace binge {

struct EvalModelError : Error {
  explicit EvalModelError(const std::string& message) : Error(ErrorKind::Input, message) {}
};

struct EvalModel {
  TrainConfig config;
  AudioVisualModel model{nullptr};
  torch::Device device{torch::kCPU};
  std::int64_t step = 0;           // of the checkpoint; 0 for random init
  std::string checkpoint;          // path, or "random-init"
};

// checkpoint: "latest" (newest valid checkpoint of the run), or a path. randomInit ignores checkpoint
// and initialises the model as the trainer does at step 0 (seeded by the run's seed). device: "" = the
// run's config ("auto" → CUDA when present). Throws EvalModelError naming the run/file and the reason.
EvalModel loadEvalModel(const std::filesystem::path& runDir, const std::string& checkpoint = "latest",
                        bool randomInit = false, const std::string& device = "");


}  // namespace binge
