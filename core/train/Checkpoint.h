#pragma once
// One checkpoint file: model (parameters and BatchNorm buffers), loss module (learnable temperature),
// optimizer state, and a JSON metadata record holding the step, the schedule position, the batch
// source's state and the trainer's counters, plus LibTorch's CPU RNG state.
//
// Crash safety: the file is written under a temporary name in the same folder, fsync'ed, then renamed,
// so a kill -9 at any moment leaves either no new file or a complete one. Loading validates the format,
// the step recorded inside against the name, and a checksum of the parameters; a file that fails any of
// them is reported as invalid and the caller falls back to the previous checkpoint (loadNewestValid).
// Checkpoints are read nowhere else.
#include "runtime/Error.h"
#include "model/AudioVisualModel.h"
#include "train/ContrastiveLoss.h"
#include "train/RunDirectory.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>

namespace binge {

struct CheckpointError : Error {
  explicit CheckpointError(const std::string& message) : Error(ErrorKind::Input, message) {}
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

// Reads only the model's part (evaluation, retrieval, export), with the same format and checksum checks
// as loadCheckpoint; the loss and optimizer are not needed. Returns the metadata. Throws CheckpointError.
nlohmann::json loadModelWeights(const std::filesystem::path& file, AudioVisualModel& model);

// The fallback to the newest valid checkpoint, the one rule for the trainer's resume and for evaluation:
// calls `load` on each file (newest first) until one returns its metadata without throwing
// CheckpointError and records the step it is named for. Each file that fails goes to `rejected` with
// the reason, and the next older one is tried. Returns the file that loaded and its metadata, or nothing
// when none did. Errors other than CheckpointError pass through.
struct LoadedCheckpoint {
  CheckpointFile file;
  nlohmann::json meta;
};
std::optional<LoadedCheckpoint> loadNewestValid(
    const std::vector<CheckpointFile>& newestFirst,
    const std::function<nlohmann::json(const std::filesystem::path&)>& load,
    const std::function<void(const CheckpointFile&, const std::string& reason)>& rejected);

// Sum of all parameters in float64: cheap fingerprint that catches a checkpoint whose tensors do not
// load back as they were saved.
double parameterChecksum(const torch::nn::Module& module);

}  // namespace binge
