#include "data/LibraryBatchSource.h"
#include "sampling/BatchShape.h"

#include "data/ClipAugmenter.h"
#include "data/ClipLoader.h"
#include "data/PreparedCache.h"
#include "runtime/Log.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace binge {
namespace {
constexpr size_t kRecentProblems = 20;
constexpr int kReplacementTries = 8;

std::uint64_t splitmix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

SamplerConfig samplerConfigFor(const DataConfig& c, const Shard& shard) {
  return globalSampler(c.sampler, shard.count);
}
}  // namespace

LibraryBatchSource::LibraryBatchSource(const DataConfig& config, Shard shard)
    : config_(config), shard_(shard), library_(loadLibrary(config.libraryPath)), cacheFolder_(cacheFolderFor(config)),
      // Video and audio of every batch in the queue, being filled, and held by the consumer.
      buffers_(TensorBufferPool::create(2 * static_cast<size_t>(config.queueDepth + config.loaderThreads + 2))) {
  if (config.cropSize < 1) throw std::invalid_argument("crop size must be positive");
  if (shard.count < 1 || shard.rank < 0 || shard.rank >= shard.count)
    throw std::invalid_argument("shard " + std::to_string(shard.rank) + " of " + std::to_string(shard.count) + " is invalid");
  const double clipSeconds = std::max(config.clip.videoSeconds(), config.clip.audioSeconds);
  index_ = std::make_unique<ClipIndex>(library_, clipSeconds, config.strideSeconds);
  sampler_ = makeSampler(*index_, samplerConfigFor(config, shard));
  startWorkers();
}

LibraryBatchSource::~LibraryBatchSource() { stopWorkers(); }

void LibraryBatchSource::startWorkers() {
  stopping_ = false;
  for (int w = 0; w < std::max(1, config_.loaderThreads); ++w) workers_.emplace_back([this, w] { workerLoop(w); });
}

void LibraryBatchSource::stopWorkers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
}

void LibraryBatchSource::workerLoop(int /*worker*/) {
  ClipLoader loader(library_, cacheFolder_, cacheGeometryFor(config_), config_.clip);
  loader.setCacheOutput(ClipLoader::kModelInput);
  AugmentOptions augmentOptions;
  augmentOptions.cropSize = config_.cropSize;
  augmentOptions.train = config_.augment;
  const ClipAugmenter augmenter(augmentOptions);
  const bool pinned = torch::cuda::is_available();
  const auto& titles = index_->titles();

  for (;;) {
    std::int64_t number = 0;
    std::vector<ClipWindow> globalWindows;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || scheduled_ - delivered_ < config_.queueDepth; });
      if (stopping_) return;
      number = scheduled_++;
      globalWindows = sampler_->nextBatch();
    }
    try {
      // This rank's slice of the global batch; `first` is its global position (seeds the augmentation).
      const int first = shard_.rank * config_.sampler.batchSize;
      const std::vector<ClipWindow> windows(globalWindows.begin() + first,
                                            globalWindows.begin() + first + config_.sampler.batchSize);
      const int b = static_cast<int>(windows.size());
      const int t = config_.clip.frames, crop = config_.cropSize;
      Batch batch;
      auto options = torch::TensorOptions().dtype(torch::kFloat32).pinned_memory(pinned);
      // Pinned batches come from CUDA's caching host allocator, which recycles on its own.
      const auto emptyBatchTensor = [&](torch::IntArrayRef sizes) {
        return pinned ? torch::empty(sizes, options) : buffers_->emptyFloat(sizes);
      };
      batch.video = emptyBatchTensor({b, 3, t, crop, crop});
      torch::Tensor audio;
      long replaced = 0, fromCacheBefore = loader.stats().fromCache, directBefore = loader.stats().decodedDirectly;
      std::vector<std::string> problems;
      for (int i = 0; i < b; ++i) {
        std::mt19937_64 rng(splitmix(config_.sampler.seed ^ splitmix(static_cast<std::uint64_t>(number) * 1315423911ull +
                                                                 static_cast<std::uint64_t>(first + i))));
        ClipWindow window = windows[static_cast<size_t>(i)];
        DecodedClip clip;
        std::vector<int> failedEntries;
        for (int attempt = 0;; ++attempt) {
          const auto& entry = titles[static_cast<size_t>(window.entry)];
          try {
            clip = loader.load(entry.titleIndex, window.start, augmenter.audioGain(rng));
            break;
          } catch (const std::exception& e) {
            problems.push_back(library_.titles[static_cast<size_t>(entry.titleIndex)].path + " at " +
                               std::to_string(window.start) + " s: " + e.what());
            ++replaced;
            if (attempt >= kReplacementTries) throw;
            // Another window of the same title first (keeps the batch's structure), then a title
            // that has not failed yet.
            if (attempt == 0 && entry.windowCount > 1) {
              window.window = (window.window + entry.windowCount / 2) % entry.windowCount;
            } else {
              failedEntries.push_back(window.entry);
              std::vector<int> candidates;
              for (int e = 0; e < static_cast<int>(titles.size()); ++e)
                if (std::find(failedEntries.begin(), failedEntries.end(), e) == failedEntries.end()) candidates.push_back(e);
              if (candidates.empty()) throw;
              window.entry = candidates[rng() % candidates.size()];
              window.window = static_cast<int>(rng() % static_cast<std::uint64_t>(titles[static_cast<size_t>(window.entry)].windowCount));
            }
            window.start = index_->windowStart(window.window);
          }
        }
        const VideoView view = augmenter.drawView(clip.width, clip.height, rng);
        augmenter.video(clip, view, batch.video[i].data_ptr<float>());
        augmenter.maskSpectrogram(clip.logMel, clip.melBins, clip.melFrames, rng);
        if (!audio.defined()) audio = emptyBatchTensor({b, 1, clip.melBins, clip.melFrames});
        std::memcpy(audio[i].data_ptr<float>(), clip.logMel.data(), clip.logMel.size() * sizeof(float));
        const auto& entry = titles[static_cast<size_t>(window.entry)];
        batch.clips.push_back({entry.id, entry.titleIndex, window.start});
      }
      batch.audio = audio;
      if (shard_.sharded())
        for (const auto& w : globalWindows) {
          const auto& entry = titles[static_cast<size_t>(w.entry)];
          batch.globalClips.push_back({entry.id, entry.titleIndex, w.start});
        }
      for (const auto& p : problems) logWarning("replaced a clip that failed to load: " + p);
      std::lock_guard<std::mutex> lock(mutex_);
      stats_.clipsFromCache += loader.stats().fromCache - fromCacheBefore;
      stats_.clipsDecodedDirectly += loader.stats().decodedDirectly - directBefore;
      stats_.clipsReplaced += replaced;
      for (auto& p : problems) {
        stats_.recentProblems.push_back(std::move(p));
        if (stats_.recentProblems.size() > kRecentProblems) stats_.recentProblems.pop_front();
      }
      ready_.emplace(number, std::move(batch));
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!failure_) failure_ = std::current_exception();
    }
    changed_.notify_all();
  }
}

Batch LibraryBatchSource::next() {
  const auto began = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return failure_ || ready_.count(delivered_) > 0; });
  if (failure_ && !ready_.count(delivered_)) std::rethrow_exception(failure_);
  auto node = ready_.extract(delivered_);
  ++delivered_;
  ++stats_.batches;
  lock.unlock();
  changed_.notify_all();
  Batch batch = std::move(node.mapped());
  batch.dataWaitMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
  return batch;
}

nlohmann::json LibraryBatchSource::state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  // The sampler has drawn ahead for the queue; what counts is what the consumer has received.
  nlohmann::json sampler = sampler_->state();
  sampler["batches_drawn"] = delivered_;
  return {{"sampler", sampler}, {"shard_count", shard_.count}};
}

void LibraryBatchSource::restore(const nlohmann::json& state) {
  nlohmann::json samplerState = state.at("sampler");
  const int savedCount = state.value("shard_count", 1);
  if (savedCount != shard_.count) {
    // Saved by a run with another number of ranks: same position in the data, new global batch size.
    samplerState["batches_drawn"] =
        reshardedBatches(samplerState.at("batches_drawn").get<std::int64_t>(), savedCount, shard_.count);
    samplerState.update(sampler_->shapeState());
    logInfo("re-sharding the sampler state from " + std::to_string(savedCount) + " to " +
            std::to_string(shard_.count) + " ranks");
  }
  stopWorkers();
  sampler_->restore(samplerState);
  ready_.clear();
  failure_ = nullptr;
  scheduled_ = delivered_ = sampler_->batchesDrawn();
  startWorkers();
}

PipelineStats LibraryBatchSource::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

std::unique_ptr<BatchSource> makeLibraryBatchSource(const DataConfig& config, Shard shard) {
  return std::make_unique<LibraryBatchSource>(config, shard);
}

}  // namespace binge
