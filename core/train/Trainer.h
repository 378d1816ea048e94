#pragma once
// The training loop: batches from a BatchSource, the AudioVisualModel, symmetric InfoNCE, Adam or SGD
// with linear warmup + cosine, gradient clipping, mixed precision on CUDA. Everything it does is written
// to a RunDirectory (events, metrics, checkpoints, status) so a GUI or a person can follow, and it can be
// paused, stopped and resumed through a TrainControl between steps.
//
// Determinism: model initialisation is seeded from config.seed; the batch sequence is the source's;
// the schedule is a function of the step; a checkpoint holds every other piece of state. A run stopped at
// step n and resumed therefore reproduces the uninterrupted run (bit-identical on CPU with one thread).
#include "runtime/Error.h"
#include "data/BatchSource.h"
#include "model/AudioVisualModel.h"
#include "train/ContrastiveLoss.h"
#include "train/GradScaler.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"
#include "train/TrainControl.h"

#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>

namespace binge {

class DistributedSession;
class GradientReducer;

// Training cannot go on (non-finite losses in a row, a failing source, …). The message is for people.
struct TrainingError : Error {
  explicit TrainingError(const std::string& message) : Error(ErrorKind::Internal, message) {}
};

struct StepReport {
  std::int64_t step = 0;
  std::int64_t steps = 0;
  double loss = 0;
  double lr = 0;
  double clipsPerSecond = 0;  // over the last logging window
  double etaSeconds = 0;
  double elapsedSeconds = 0;
};

enum class TrainOutcome { Finished, Stopped };

struct TrainResult {
  TrainOutcome outcome = TrainOutcome::Finished;
  std::int64_t step = 0;
  double lastLoss = 0;
};

// Called every config.probeEvery steps with the model in eval mode under NoGradGuard. The returned JSON
// object (if not null) is written as a "probe" event with "step" added. Evaluation plugs in here.
using ProbeHook = std::function<nlohmann::json(AudioVisualModel& model, std::int64_t step)>;
using ProgressCallback = std::function<void(const StepReport&)>;

// "auto" → CUDA when LibTorch has a device, else CPU. Throws std::invalid_argument for "cuda" without one.
torch::Device resolveDevice(const std::string& device, int localRank = 0);

// Data-parallel training (docs/distributed.md): the job this process belongs to. Rank 0 alone writes the run
// directory; every rank reads its checkpoints on resume. Stop and checkpoint requests are agreed on by
// all ranks every step (a stop on any rank stops all at the same step); pause is not offered.
struct DistributedTraining {
  DistributedSession* session = nullptr;
  bool globalNegatives = true;  // InfoNCE against the whole global batch (all-gathered embeddings)
  double bucketMegabytes = 25;  // gradient all-reduce bucket size
};

class Trainer {
 public:
  Trainer(TrainConfig config, BatchSource& source, RunDirectory& run, TrainControl& control);
  // A rank of a data-parallel job. `run` is the run directory on rank 0 and null on the other ranks,
  // which only read `runPath` (checkpoints). The source must hand out this rank's shard.
  Trainer(TrainConfig config, BatchSource& source, RunDirectory* run, std::filesystem::path runPath,
          TrainControl& control, DistributedTraining distributed);
  ~Trainer();

  void setProbeHook(ProbeHook hook) { probeHook_ = std::move(hook); }
  void setProgressCallback(ProgressCallback callback) { progress_ = std::move(callback); }
  // Stop gracefully (checkpoint, status "stopped") once this step is done, as if "stop" arrived then.
  // Makes "a run stopped at step n" reproducible for scripts and tests. 0 = off.
  void setStopAfter(std::int64_t step) { stopAfter_ = step; }

  // Loads the newest checkpoint that validates, falling back to older ones (each rejected file becomes
  // an error event). Returns the step it continues from (0 when none is valid: a fresh start).
  std::int64_t resumeFromLatestCheckpoint();

  // Trains until config.steps or a stop request. Writes a checkpoint at the end in both cases. Throws
  // TrainingError (after writing an error event and status "failed") when training cannot continue.
  TrainResult run();

  AudioVisualModel& model() { return model_; }
  const std::vector<torch::Tensor>& parameters() const { return parameters_; }
  // True where this process writes the run directory (always, unless a non-zero rank).
  bool writesRun() const { return run_ != nullptr; }
  torch::Device device() const { return device_; }
  std::int64_t step() const { return step_; }

 private:
  void build();
  void joinGroup();            // broadcast rank 0's weights, set up the gradient reducer
  void broadcastState(const std::string& what);
  void emit(nlohmann::json event);  // an event, written only where this process writes the run
  void trainStep(Batch& batch, double dataWaitMs);
  void saveCheckpointNow(const std::string& reason);
  void setStatus(const std::string& state, nlohmann::json extra = nlohmann::json::object());
  void writeBatchEvent(const std::vector<ClipRef>& clips, const torch::Tensor& video, const torch::Tensor& audio);
  void logStep();
  void runProbe();
  bool waitWhilePaused();  // returns false when a stop arrives while paused

  TrainConfig config_;
  BatchSource& source_;
  RunDirectory* run_;
  std::filesystem::path runPath_;
  TrainControl& control_;
  DistributedTraining distributed_;
  std::unique_ptr<GradientReducer> reducer_;
  bool agreedStop_ = false;        // distributed: some rank asked to stop (agreed at the last step)
  bool agreedCheckpoint_ = false;  // distributed: some rank asked for a checkpoint
  bool pauseWarned_ = false;
  ProbeHook probeHook_;
  ProgressCallback progress_;
  std::int64_t stopAfter_ = 0;

  torch::Device device_;
  AudioVisualModel model_{nullptr};
  ContrastiveLoss loss_{nullptr};
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  std::vector<torch::Tensor> parameters_;
  GradScaler scaler_;
  bool autocast_ = false;

  std::int64_t step_ = 0;
  std::int64_t lastCheckpointStep_ = -1;
  int nonFiniteInARow_ = 0;
  std::int64_t nonFiniteTotal_ = 0;
  double elapsedBefore_ = 0;  // seconds trained before this process (from the checkpoint)
  std::chrono::steady_clock::time_point started_;
  std::string state_;
  std::chrono::steady_clock::time_point lastStatusWrite_;  // status.json: also rewritten with the step

  // Logging window since the previous step event.
  double lastLoss_ = 0;
  double lastLr_ = 0;
  double windowLoss_ = 0;
  double windowDataMs_ = 0;
  double windowComputeMs_ = 0;
  double windowCommMs_ = 0;  // distributed: waiting on collectives (part of compute)
  int windowSteps_ = 0;
  int windowLossSteps_ = 0;
};

}  // namespace binge
