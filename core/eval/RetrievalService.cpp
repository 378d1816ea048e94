#include "eval/RetrievalService.h"

#include "runtime/Error.h"
#include "eval/EmbeddingPca.h"
#include "eval/EvalModel.h"
#include "eval/RetrievalIndex.h"
#include "train/ErrorMessage.h"
#include "train/RunDirectory.h"

#include <atomic>
#include <filesystem>
#include <optional>

namespace binge {

struct RetrievalService::State {
  std::string runDir;
  std::string libraryPath;
  std::optional<EvalModel> model;
  std::shared_ptr<const Library> library;
  std::optional<RetrievalIndex> index;
  std::vector<RetrievalWindow> windows;
  bool cached = false;
};

namespace {

RetrievalMatch toMatch(const RetrievalHit& hit) {
  return {hit.row, hit.item.titleId, hit.item.titleIndex, hit.item.start, hit.score};
}

}  // namespace

RetrievalService::RetrievalService() : state_(std::make_unique<State>()) {}
RetrievalService::~RetrievalService() = default;

void RetrievalService::open(const std::string& runDir, const std::string& checkpoint, const std::string& libraryPath,
                            const std::string& device) {
  auto next = std::make_unique<State>();
  next->runDir = runDir;
  try {
    next->model = loadEvalModel(runDir, checkpoint, /*randomInit=*/false, device);
  } catch (const std::exception& e) {
    throw Error(errorKindOf(e), errorMessage(e));
  }
  next->libraryPath = libraryPath.empty() ? next->model->config.data.libraryPath : libraryPath;
  if (next->libraryPath.empty())
    throw Error(ErrorKind::Usage, "run " + runDir + " has no library (a synthetic run?): nothing to retrieve from");
  try {
    next->library = std::make_shared<const Library>(loadLibrary(next->libraryPath));
  } catch (const std::exception& e) {
    throw Error(errorKindOf(e), "library of run " + runDir + ": " + errorMessage(e));
  }
  state_ = std::move(next);
}

bool RetrievalService::prepareIndex(const Progress& progress) {
  if (!state_->model) throw std::logic_error("RetrievalService::prepareIndex before open()");
  // RetrievalIndex reports a cancel as a plain runtime_error; remember that it was ours.
  std::atomic<bool> cancelled{false};
  ExtractProgress forward;
  if (progress)
    forward = [&](std::int64_t done, std::int64_t total) {
      if (progress(done, total)) return true;
      cancelled = true;
      return false;
    };
  bool rebuilt = false;
  try {
    state_->index = RetrievalIndex::openOrBuild(*state_->model, state_->runDir, state_->libraryPath, &rebuilt, forward);
  } catch (const std::exception& e) {
    state_->index.reset();
    if (cancelled) throw RetrievalCancelled();
    throw Error(errorKindOf(e), "retrieval index of run " + state_->runDir + ": " + errorMessage(e));
  }
  state_->cached = !rebuilt;
  state_->windows.clear();
  state_->windows.reserve(static_cast<size_t>(state_->index->size()));
  const auto& titles = state_->library->titles;
  for (const RetrievalItem& item : state_->index->items()) {
    const bool known = item.titleIndex >= 0 && item.titleIndex < static_cast<int>(titles.size());
    state_->windows.push_back({item.titleId, item.titleName, known ? titles[static_cast<size_t>(item.titleIndex)].series : "",
                               item.titleIndex, item.start});
  }
  return rebuilt;
}

bool RetrievalService::isOpen() const { return state_->model.has_value(); }
bool RetrievalService::hasIndex() const { return state_->index.has_value(); }
std::string RetrievalService::runDir() const { return state_->runDir; }
std::string RetrievalService::checkpoint() const { return state_->model ? state_->model->checkpoint : std::string(); }
std::int64_t RetrievalService::step() const { return state_->model ? state_->model->step : 0; }
std::string RetrievalService::libraryPath() const { return state_->libraryPath; }
std::shared_ptr<const Library> RetrievalService::library() const { return state_->library; }
bool RetrievalService::indexWasCached() const { return state_->cached; }
double RetrievalService::buildSeconds() const { return state_->index ? state_->index->buildSeconds() : 0.0; }
const std::vector<RetrievalWindow>& RetrievalService::windows() const { return state_->windows; }

std::int64_t RetrievalService::findRow(const std::string& titleId, double seconds) const {
  if (!state_->index) throw std::logic_error("RetrievalService: no index yet (prepareIndex)");
  return state_->index->findRow(titleId, seconds);
}

std::vector<RetrievalMatch> RetrievalService::query(const std::string& titleId, double seconds, RetrievalDirection direction,
                                                    int k) const {
  return query(findRow(titleId, seconds), direction, k);
}

std::vector<RetrievalMatch> RetrievalService::query(std::int64_t row, RetrievalDirection direction, int k) const {
  if (!state_->index) throw std::logic_error("RetrievalService: no index yet (prepareIndex)");
  if (row < 0 || row >= state_->index->size())
    throw std::invalid_argument("window " + std::to_string(row) + " is not in the retrieval index");
  // Inference mode: a query must not record autograd history, whatever thread it runs on.
  torch::NoGradGuard noGrad;
  std::vector<RetrievalMatch> matches;
  for (const RetrievalHit& hit : state_->index->query(row, direction, k)) matches.push_back(toMatch(hit));
  return matches;
}

RetrievalMap RetrievalService::map(bool video) const {
  if (!state_->index) throw std::logic_error("RetrievalService: no index yet (prepareIndex)");
  const torch::Tensor e = (video ? state_->index->videoEmbeddings() : state_->index->audioEmbeddings()).to(torch::kFloat).contiguous();
  const Pca2D pca = pca2d(std::vector<float>(e.data_ptr<float>(), e.data_ptr<float>() + e.numel()), e.size(0), e.size(1));
  RetrievalMap result;
  result.video = video;
  result.x = pca.x;
  result.y = pca.y;
  result.explainedVariance[0] = pca.explainedVariance[0];
  result.explainedVariance[1] = pca.explainedVariance[1];
  return result;
}

std::vector<RetrievalService::CheckpointEntry> RetrievalService::checkpoints(const std::string& runDir) {
  std::vector<CheckpointEntry> list;
  std::error_code error;
  if (runDir.empty() || !std::filesystem::is_directory(runDir, error)) return list;
  try {
    for (const CheckpointFile& c : RunDirectory::checkpointsIn(runDir)) list.push_back({c.step, c.path.string()});
  } catch (const std::exception&) {
    // An unreadable checkpoints folder lists as empty: open() then says why.
  }
  return list;
}

}  // namespace binge
