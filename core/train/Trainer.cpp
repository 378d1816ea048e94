#include "train/Trainer.h"

#include "runtime/Log.h"
#include "train/Checkpoint.h"
#include "train/DistributedSession.h"
#include "train/GlobalGather.h"
#include "train/GradientReducer.h"
#include "train/ErrorMessage.h"
#include "train/HardnessStats.h"
#include "train/LearningRateSchedule.h"
#include "train/ProcessMemory.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace binge {
namespace {
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Autocast in LibTorch 1.13's C++ API is only the dispatcher switch: turn it on around the forward
// pass and clear its cast cache when the outermost region ends, as torch.autocast does in Python.
class AutocastRegion {
  // LibTorch 2.4 made the switch per device type and deprecated the CUDA-only one.
  static void setCudaAutocast(bool on) {
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
    at::autocast::set_autocast_enabled(at::kCUDA, on);
#else
    at::autocast::set_enabled(on);
#endif
  }

 public:
  explicit AutocastRegion(bool on) : on_(on) {
    if (!on_) return;
    setCudaAutocast(true);
    at::autocast::increment_nesting();
  }
  ~AutocastRegion() {
    if (!on_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    setCudaAutocast(false);
  }
  AutocastRegion(const AutocastRegion&) = delete;
  AutocastRegion& operator=(const AutocastRegion&) = delete;

 private:
  bool on_;
};
}  // namespace

torch::Device resolveDevice(const std::string& device, int localRank) {
  // One GPU per process: the local rank picks it, as torchrun users expect.
  const auto cuda = [&] {
    const auto count = static_cast<int>(torch::cuda::device_count());
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(count > 0 ? localRank % count : 0));
  };
  if (device == "cpu") return torch::kCPU;
  if (device == "cuda") {
    if (!torch::cuda::is_available())
      throw std::invalid_argument("device \"cuda\" requested but this LibTorch build sees no CUDA device");
    return cuda();
  }
  if (device == "auto") return torch::cuda::is_available() ? cuda() : torch::Device(torch::kCPU);
  throw std::invalid_argument("device must be auto, cpu or cuda, not \"" + device + "\"");
}

Trainer::Trainer(TrainConfig config, BatchSource& source, RunDirectory& run, TrainControl& control)
    : Trainer(std::move(config), source, &run, run.path(), control, DistributedTraining{}) {}

Trainer::Trainer(TrainConfig config, BatchSource& source, RunDirectory* run, std::filesystem::path runPath,
                 TrainControl& control, DistributedTraining distributed)
    : config_(std::move(config)),
      source_(source),
      run_(run),
      runPath_(std::move(runPath)),
      control_(control),
      distributed_(distributed),
      device_(resolveDevice(config_.device, distributed.session ? distributed.session->environment().localRank : 0)),
      scaler_(config_.amp && device_.is_cuda()) {
  validate(config_);
  autocast_ = config_.amp && device_.is_cuda();
  build();
}

Trainer::~Trainer() = default;

void Trainer::emit(nlohmann::json event) {
  if (run_) run_->events().append(std::move(event));
}

void Trainer::build() {
  // Same seed, same initial weights: the base of resume equivalence and of comparable runs.
  torch::manual_seed(config_.seed);
  model_ = AudioVisualModel(config_.model);
  model_->to(device_);
  loss_ = ContrastiveLoss(config_.loss);
  loss_->to(device_);
  parameters_ = model_->parameters();
  for (auto& p : loss_->parameters()) parameters_.push_back(p);
  const auto& o = config_.optimizer;
  if (o.name == "sgd")
    optimizer_ = std::make_unique<torch::optim::SGD>(
        parameters_, torch::optim::SGDOptions(o.lr).momentum(o.momentum).weight_decay(o.weightDecay));
  else {
    auto adam = torch::optim::AdamOptions(o.lr).weight_decay(o.weightDecay);
    adam.betas({std::get<0>(adam.betas()), o.adamBeta2});  // β1 stays LibTorch's default
    optimizer_ = std::make_unique<torch::optim::Adam>(parameters_, adam);
  }
  if (distributed_.session) joinGroup();
}

void Trainer::joinGroup() {
  // The same seed already gives every rank the same weights; broadcasting rank 0's makes it a guarantee
  // (other LibTorch builds, other devices), as DDP does.
  broadcastState("broadcasting the initial weights");
  reducer_ = std::make_unique<GradientReducer>(parameters_, *distributed_.session, distributed_.bucketMegabytes);
}

void Trainer::broadcastState(const std::string& what) {
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> tensors;
  for (const auto& p : parameters_) tensors.push_back(p.detach());
  for (const auto& b : model_->buffers()) tensors.push_back(b);
  for (const auto& b : loss_->buffers()) tensors.push_back(b);
  distributed_.session->broadcastFromRoot(tensors, what);
}

std::int64_t Trainer::resumeFromLatestCheckpoint() {
  if (run_) run_->removeStaleTemporaries();
  bool touched = false;
  // Every rank reads the checkpoint itself (optimizer state included); rank 0's weights are broadcast
  // afterwards and the step is checked to be the same everywhere.
  const auto agreeOn = [&](std::int64_t step) {
    if (!distributed_.session) return;
    broadcastState("broadcasting the resumed weights");
    auto steps = distributed_.session->allGather(torch::tensor({step}, torch::kLong), "comparing resumed steps");
    if (steps.min().item<std::int64_t>() != steps.max().item<std::int64_t>())
      throw TrainingError("the ranks resumed from different checkpoints (steps " +
                          std::to_string(steps.min().item<std::int64_t>()) + " to " +
                          std::to_string(steps.max().item<std::int64_t>()) +
                          "); every rank must see the same run directory");
  };
  const auto load = [&](const std::filesystem::path& path) {
    touched = true;
    nlohmann::json meta = loadCheckpoint(path, {model_, loss_, *optimizer_});
    try {
      source_.restore(meta.at("source"));
      scaler_.restore(meta.value("grad_scaler", nlohmann::json()));
    } catch (const std::exception& e) {
      throw CheckpointError("checkpoint " + path.string() + ": cannot restore the batch source (" + errorMessage(e) + ")");
    }
    return meta;
  };
  const auto loaded = loadNewestValid(RunDirectory::checkpointsIn(runPath_), load,
                                      [&](const CheckpointFile& file, const std::string& why) {
                                        logWarning(why + "; trying an older checkpoint");
                                        emit({{"type", "error"}, {"kind", "invalid_checkpoint"}, {"step", file.step},
                                              {"path", file.path.string()}, {"message", why}});
                                      });
  if (loaded) {
    const nlohmann::json& meta = loaded->meta;
    step_ = loaded->file.step;
    lastCheckpointStep_ = step_;
    nonFiniteTotal_ = meta.value("non_finite_total", std::int64_t{0});
    elapsedBefore_ = meta.value("elapsed_s", 0.0);
    if (run_) run_->truncateMetricsAfter(step_);
    emit({{"type", "status"}, {"state", "resumed"}, {"step", step_}, {"checkpoint", loaded->file.path.string()}});
    logInfo("resuming from " + loaded->file.path.string());
    agreeOn(step_);
    return step_;
  }
  // No valid checkpoint: start over, with a model no failed load has half-written.
  if (touched) build();
  step_ = 0;
  if (run_) run_->truncateMetricsAfter(0);
  emit({{"type", "status"}, {"state", "resumed"}, {"step", 0}, {"checkpoint", nullptr}});
  agreeOn(0);
  return 0;
}

void Trainer::setStatus(const std::string& state, nlohmann::json extra) {
  if (state == state_ && extra.empty()) return;
  state_ = state;
  if (run_) run_->writeStatus(state, step_, config_.steps);
  lastStatusWrite_ = Clock::now();
  extra["type"] = "status";
  extra["state"] = state;
  extra["step"] = step_;
  emit(std::move(extra));
}

bool Trainer::waitWhilePaused() {
  setStatus("paused");
  while (control_.paused()) {
    if (control_.stopRequested()) return false;
    if (control_.takeCheckpointRequest()) saveCheckpointNow("requested");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  setStatus("running");
  return true;
}

TrainResult Trainer::run() {
  started_ = Clock::now();
  model_->train();
  nlohmann::json running = {{"device", device_.str()}, {"amp", autocast_}, {"steps", config_.steps}};
  if (const auto* session = distributed_.session) {
    running["world_size"] = session->worldSize();
    running["backend"] = session->backend();
    running["global_negatives"] = distributed_.globalNegatives;
    running["global_batch"] = config_.data.sampler.batchSize * session->worldSize();
  }
  setStatus("running", std::move(running));
  bool stopped = false;
  try {
    while (step_ < config_.steps) {
      // Distributed: only what all ranks agreed on at the last step counts, so all stop together.
      const bool stopNow = distributed_.session ? agreedStop_ : control_.stopRequested();
      if (stopNow || (stopAfter_ > 0 && step_ >= stopAfter_)) {
        stopped = true;
        break;
      }
      if (control_.paused()) {
        if (distributed_.session) {
          if (!pauseWarned_) logWarning("pause is not available in a distributed run; training goes on");
          pauseWarned_ = true;
        } else if (!waitWhilePaused()) {
          stopped = true;
          break;
        }
      }
      if (distributed_.session ? std::exchange(agreedCheckpoint_, false) : control_.takeCheckpointRequest())
        saveCheckpointNow("requested");

      const auto t0 = Clock::now();
      Batch batch = source_.next();
      trainStep(batch, msSince(t0));

      if (config_.logEvery > 0 && (step_ % config_.logEvery == 0 || step_ == config_.steps)) logStep();
      // The last step is always probed, so a run shorter than the interval still ends with a result.
      if (probeHook_ && config_.probeEvery > 0 && (step_ % config_.probeEvery == 0 || step_ == config_.steps))
        runProbe();
      if (config_.checkpointEvery > 0 && step_ % config_.checkpointEvery == 0) saveCheckpointNow("interval");
    }
    if (stopped) setStatus("stopping");
    if (lastCheckpointStep_ != step_) saveCheckpointNow(stopped ? "stop" : "final");
    setStatus(stopped ? "stopped" : "finished");
  } catch (const std::exception& e) {
    const std::string message = errorMessage(e);
    emit({{"type", "error"}, {"kind", dynamic_cast<const DistributedError*>(&e) ? "distributed" : "fatal"},
          {"step", step_}, {"message", message}});
    setStatus("failed", {{"message", message}});
    if (dynamic_cast<const TrainingError*>(&e)) throw;
    throw TrainingError(message);
  }
  return {stopped ? TrainOutcome::Stopped : TrainOutcome::Finished, step_, lastLoss_};
}

void Trainer::trainStep(Batch& batch, double dataWaitMs) {
  const auto t0 = Clock::now();
  const std::int64_t stepNo = step_ + 1;
  const double lr = learningRate(config_.optimizer, config_.schedule, stepNo, config_.steps);
  for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);

  auto* session = distributed_.session;
  double commMs = 0;
  const auto timed = [&commMs](auto&& collective) {
    const auto c0 = Clock::now();
    collective();
    commMs += msSince(c0);
  };
  // BatchNorm statistics drift apart between ranks; rank 0's are the model's (as DDP's broadcast_buffers).
  if (session && !model_->buffers().empty()) timed([&] {
    torch::NoGradGuard noGrad;
    auto buffers = model_->buffers();
    session->broadcastFromRoot(buffers, "broadcasting normalisation statistics");
  });

  const auto video = batch.video.to(device_, /*non_blocking=*/true);
  const auto audio = batch.audio.to(device_, /*non_blocking=*/true);
  ModelOutput out;
  {
    AutocastRegion autocast(autocast_);
    out = model_->forward(video, audio);
  }
  torch::Tensor loss, allVideo, allAudio;
  if (session && distributed_.globalNegatives) {
    timed([&] {
      allVideo = gatherWithGradient(out.videoEmbedding, *session);
      allAudio = gatherWithGradient(out.audioEmbedding, *session);
    });
    loss = loss_->forwardGlobal(out.videoEmbedding, out.audioEmbedding, allVideo, allAudio,
                                out.videoEmbedding.size(0) * session->rank());
  } else {
    loss = loss_->forward(out.videoEmbedding, out.audioEmbedding);
  }
  double lossValue = loss.item<double>();
  if (session) {
    // One small all-reduce carries the loss (its global mean is what is logged and checked for NaN, so
    // every rank skips the same steps) and the stop / checkpoint requests every rank must agree on.
    auto flags = torch::tensor({lossValue, control_.stopRequested() ? 1.0 : 0.0,
                                control_.takeCheckpointRequest() ? 1.0 : 0.0},
                               torch::kDouble);
    timed([&] { session->allReduceSum(flags, "agreeing on the step"); });
    lossValue = flags[0].item<double>() / session->worldSize();
    agreedStop_ = flags[1].item<double>() > 0;
    agreedCheckpoint_ = agreedCheckpoint_ || flags[2].item<double>() > 0;
  }
  step_ = stepNo;
  lastLr_ = lr;
  windowDataMs_ += dataWaitMs;
  ++windowSteps_;

  if (!std::isfinite(lossValue)) {
    // Skip: no backward, no optimizer step. The batch is consumed so the sampler sequence stays aligned.
    ++nonFiniteInARow_;
    ++nonFiniteTotal_;
    emit({{"type", "error"}, {"kind", "non_finite_loss"}, {"step", step_}, {"skipped", true},
                          {"in_a_row", nonFiniteInARow_}, {"message", "loss is " + std::to_string(lossValue) +
                                                                           "; step skipped"}});
    windowComputeMs_ += msSince(t0);
    windowCommMs_ += commMs;
    if (nonFiniteInARow_ >= config_.maxNonFiniteInARow)
      throw TrainingError("loss was not finite for " + std::to_string(nonFiniteInARow_) +
                          " steps in a row (last at step " + std::to_string(step_) +
                          "); lower the learning rate or check the input data");
    return;
  }
  nonFiniteInARow_ = 0;
  optimizer_->zero_grad();
  if (reducer_) reducer_->prepare();
  scaler_.scale(loss).backward();
  if (reducer_) commMs += reducer_->finish();
  const bool finiteGrads = scaler_.unscaleAndCheck(parameters_);
  if (finiteGrads) {
    if (config_.optimizer.gradClip > 0) torch::nn::utils::clip_grad_norm_(parameters_, config_.optimizer.gradClip);
    optimizer_->step();
  }
  scaler_.update(finiteGrads);
  windowComputeMs_ += msSince(t0);
  windowCommMs_ += commMs;
  lastLoss_ = lossValue;
  windowLoss_ += lossValue;
  ++windowLossSteps_;

  if (config_.batchEventEvery > 0 && step_ % config_.batchEventEvery == 0 && run_) {
    // With global negatives the event shows the global batch, as the loss saw it.
    if (allVideo.defined())
      writeBatchEvent(batch.globalClips.empty() ? batch.clips : batch.globalClips, allVideo, allAudio);
    else
      writeBatchEvent(batch.clips, out.videoEmbedding, out.audioEmbedding);
  }
}

void Trainer::writeBatchEvent(const std::vector<ClipRef>& batchClips, const torch::Tensor& video,
                              const torch::Tensor& audio) {
  torch::NoGradGuard noGrad;
  const auto sim = torch::matmul(video.detach(), audio.detach().t())
                       .to(torch::kCPU, torch::kFloat)
                       .contiguous();
  const int64_t b = sim.size(0);
  std::vector<float> values(sim.data_ptr<float>(), sim.data_ptr<float>() + b * b);
  std::vector<std::string> titles;
  nlohmann::json clips = nlohmann::json::array();
  for (int64_t i = 0; i < b; ++i) {
    const ClipRef ref = i < static_cast<int64_t>(batchClips.size()) ? batchClips[i] : ClipRef{};
    titles.push_back(ref.titleId.empty() ? "#" + std::to_string(ref.titleIndex) : ref.titleId);
    clips.push_back({{"title_id", ref.titleId}, {"title_index", ref.titleIndex}, {"start", ref.start}});
  }
  nlohmann::json matrix = nlohmann::json::array();
  for (int64_t i = 0; i < b; ++i) {
    nlohmann::json row = nlohmann::json::array();
    // Four decimals are plenty for a heat map and keep a 256×256 event under a megabyte.
    for (int64_t j = 0; j < b; ++j) row.push_back(std::round(values[i * b + j] * 1e4) / 1e4);
    matrix.push_back(std::move(row));
  }
  run_->events().append({{"type", "batch"},
                        {"step", step_},
                        {"clips", std::move(clips)},
                        {"similarity", std::move(matrix)},
                        {"hardness", toJson(hardnessStats(values, titles))}});
}

void Trainer::logStep() {
  const double elapsed = elapsedBefore_ + std::chrono::duration<double>(Clock::now() - started_).count();
  const int n = std::max(windowSteps_, 1);
  const double stepMs = (windowDataMs_ + windowComputeMs_) / n;
  const int ranks = distributed_.session ? distributed_.session->worldSize() : 1;
  const double clipsPerSecond = stepMs > 0 ? config_.data.sampler.batchSize * ranks * 1000.0 / stepMs : 0.0;
  const double lossMean = windowLossSteps_ ? windowLoss_ / windowLossSteps_ : std::nan("");
  const double eta = stepMs * static_cast<double>(config_.steps - step_) / 1000.0;
  const double rss = currentRssMb();
  MetricsRow row;
  row.step = step_;
  row.loss = lastLoss_;
  row.lossMean = lossMean;
  row.lr = lastLr_;
  row.temperature = loss_->temperature();
  row.clipsPerSecond = clipsPerSecond;
  row.dataWaitMs = windowDataMs_ / n;
  row.computeMs = windowComputeMs_ / n;
  row.elapsedSeconds = elapsed;
  row.rssMb = rss;
  if (run_) run_->appendMetrics(row);
  // status.json says where the run is, not only where its state last changed; at most once a second,
  // as its atomic write costs an fsync.
  if (run_ && Clock::now() - lastStatusWrite_ >= std::chrono::seconds(1)) {
    run_->writeStatus(state_, step_, config_.steps);
    lastStatusWrite_ = Clock::now();
  }
  nlohmann::json event = {{"type", "step"},
                          {"step", step_},
                          {"steps", config_.steps},
                          {"loss", lastLoss_},
                          {"lr", lastLr_},
                          {"temperature", row.temperature},
                          {"clips_per_s", clipsPerSecond},
                          {"data_wait_ms", row.dataWaitMs},
                          {"compute_ms", row.computeMs},
                          {"elapsed_s", elapsed},
                          {"eta_s", eta},
                          {"rss_mb", rss},
                          {"non_finite_total", nonFiniteTotal_}};
  event["loss_mean"] = std::isfinite(lossMean) ? nlohmann::json(lossMean) : nlohmann::json(nullptr);
  if (scaler_.enabled()) event["grad_scale"] = scaler_.currentScale();
  if (distributed_.session) event["comm_ms"] = windowCommMs_ / n;
  emit(std::move(event));
  if (progress_) progress_({step_, config_.steps, lastLoss_, lastLr_, clipsPerSecond, eta, elapsed});
  windowLoss_ = windowDataMs_ = windowComputeMs_ = windowCommMs_ = 0;
  windowSteps_ = windowLossSteps_ = 0;
}

void Trainer::runProbe() {
  if (!run_) return;  // only the rank that writes the run evaluates; the others wait at the next step
  nlohmann::json result;
  {
    torch::NoGradGuard noGrad;
    model_->eval();
    try {
      result = probeHook_(model_, step_);
    } catch (const std::exception& e) {
      emit({{"type", "error"}, {"kind", "probe"}, {"step", step_}, {"message", errorMessage(e)}});
    }
    model_->train();
  }
  if (result.is_object()) {
    result["type"] = "probe";
    result["step"] = step_;
    emit(std::move(result));
  }
}

void Trainer::saveCheckpointNow(const std::string& reason) {
  lastCheckpointStep_ = step_;
  if (!run_) return;  // rank 0 writes; every rank holds the same weights
  const auto t0 = Clock::now();
  const auto path = run_->checkpointPath(step_);
  const nlohmann::json meta = {
      {"step", step_},
      {"steps", config_.steps},
      {"source", source_.state()},
      {"schedule", {{"kind", config_.schedule.kind}, {"warmup_steps", config_.schedule.warmupSteps}, {"step", step_}}},
      {"grad_scaler", scaler_.state()},
      {"non_finite_total", nonFiniteTotal_},
      {"elapsed_s", elapsedBefore_ + std::chrono::duration<double>(Clock::now() - started_).count()},
      {"reason", reason},
      {"world_size", distributed_.session ? distributed_.session->worldSize() : 1}};
  saveCheckpoint(path, {model_, loss_, *optimizer_}, meta);
  run_->pruneCheckpoints(config_.keepCheckpoints);
  run_->events().append({{"type", "checkpoint"},
                        {"step", step_},
                        {"path", path.string()},
                        {"reason", reason},
                        {"seconds", msSince(t0) / 1000.0}});
}

}  // namespace binge
