#pragma once
// One checkpoint file: model (parameters and BatchNorm buffers), loss module (learnable temperature),
// optimizer state, and a JSON metadata record holding the step, the schedule position, the batch
// source's state and the trainer's counters, plus LibTorch's CPU RNG state.
//
// Crash safety: the file is written under a temporary name in the same folder, fsync'ed, then renamed,
// so a kill -9 at any moment leaves either no new file or a complete one. Loading validates the format,
// the step recorded inside against the name, and a checksum of the parameters; a file that fails any of
// them is reported as invalid and the caller falls back to the previous checkpoint.
#include "model/AudioVisualModel.h"
#include "train/ContrastiveLoss.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <stdexcept>

namespace binge {

struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CheckpointParts {
  AudioVisualModel& model;
  ContrastiveLoss& loss;
  torch::optim::Optimizer& optimizer;
};

// `meta` must hold "step". Throws CheckpointError naming the file on I/O failure.
void saveCheckpoint(const std::filesystem::path& file, CheckpointParts parts, nlohmann::json meta);

// Restores everything into `parts` and returns the metadata. Throws CheckpointError (naming the file
// and the reason) when the file is unreadable, truncated, of another format or fails its checksum;
// `parts` may then be partly overwritten — load another checkpoint over them.
nlohmann::json loadCheckpoint(const std::filesystem::path& file, CheckpointParts parts);

// Sum of all parameters in float64: cheap fingerprint that catches a checkpoint whose tensors do not
// load back as they were saved.
double parameterChecksum(const torch::nn::Module& module);

}  // namespace binge
