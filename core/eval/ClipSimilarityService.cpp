#include "eval/ClipSimilarityService.h"

#include "data/LibraryBatchSource.h"
#include "eval/EvalModel.h"
#include "runtime/Error.h"
#include "eval/FeatureExtractor.h"
#include "train/ErrorMessage.h"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>

namespace binge {

struct ClipSimilarityService::State {
  std::string runDir;
  std::optional<EvalModel> model;
  mutable std::mutex forward;  // one batch through the model at a time
};

ClipSimilarityService::ClipSimilarityService() : state_(std::make_unique<State>()) {}
ClipSimilarityService::~ClipSimilarityService() = default;

void ClipSimilarityService::open(const std::string& runDir, const std::string& checkpoint, const std::string& device) {
  auto next = std::make_unique<State>();
  next->runDir = runDir;
  try {
    next->model = loadEvalModel(runDir, checkpoint, /*randomInit=*/false, device);
  } catch (const std::exception& e) {
    throw Error(errorKindOf(e), errorMessage(e));
  }
  state_ = std::move(next);
}

bool ClipSimilarityService::isOpen() const { return state_->model.has_value(); }
std::string ClipSimilarityService::runDir() const { return state_->runDir; }
std::string ClipSimilarityService::checkpoint() const { return isOpen() ? state_->model->checkpoint : std::string(); }
std::int64_t ClipSimilarityService::step() const { return isOpen() ? state_->model->step : 0; }
double ClipSimilarityService::temperature() const { return isOpen() ? state_->model->config.loss.temperature : 0.0; }

SimilarityMatrix ClipSimilarityService::videoAudioSimilarity(const Library& library, const std::string& libraryPath,
                                                              const std::vector<SimilarityClip>& clips) const {
  if (!isOpen()) throw std::logic_error("ClipSimilarityService::videoAudioSimilarity before open()");
  const auto t0 = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(state_->forward);
  EvalModel& m = *state_->model;
  std::vector<ClipRequest> requests;
  for (const SimilarityClip& c : clips)
    requests.push_back({c.titleIndex, c.start, static_cast<int>(requests.size())});
  SimilarityMatrix out;
  out.size = static_cast<int>(clips.size());
  if (clips.empty()) return out;
  DataConfig data = m.config.data;
  data.libraryPath = libraryPath.empty() ? std::string() : std::filesystem::absolute(libraryPath).string();
  // An explicit cache folder of the run belongs to the run's library; another library has its own.
  const auto sameLibrary = [](const std::string& a, const std::string& b) {
    std::error_code ec;
    return !a.empty() && !b.empty() && std::filesystem::equivalent(a, b, ec);
  };
  if (!sameLibrary(libraryPath, m.config.data.libraryPath)) data.cacheDir.clear();
  EvalClipLoader loader(library, m.config, libraryPath.empty() ? std::string() : cacheFolderFor(data));
  FeatureSet f;
  try {
    f = extractFeatures(m.model, m.device, loader, requests, static_cast<int>(requests.size()));
  } catch (const std::exception& e) {
    throw Error(errorKindOf(e), errorMessage(e));
  }
  const auto matrix = torch::matmul(f.videoEmbedding, f.audioEmbedding.t()).contiguous().to(torch::kFloat);
  out.values.assign(matrix.data_ptr<float>(), matrix.data_ptr<float>() + matrix.numel());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace binge
