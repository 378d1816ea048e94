#pragma once
// The training data pipeline: a sampler draws clip windows from a library, worker threads load them
// (prepared cache first, direct decoding otherwise), augment them and assemble batch tensors into a
// bounded queue; next() hands batches out in sampler order. Deterministic: the sampler runs in batch
// order under a lock and each clip's augmentation is seeded from (seed, batch number, position), so
// thread timing never changes what a batch holds. A clip that fails to load is reported and replaced
// by another window (of the same title when possible) — never a crash, never a silent hole.
#include "data/BatchSource.h"
#include "data/CacheFormat.h"
#include "data/CacheLocation.h"
#include "data/DataConfig.h"
#include "data/Shard.h"
#include "data/TensorBufferPool.h"
#include "library/Library.h"
#include "sampling/ClipIndex.h"
#include "sampling/Sampler.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace binge {

struct PipelineStats {
  long batches = 0;
  long clipsFromCache = 0;
  long clipsDecodedDirectly = 0;
  long clipsReplaced = 0;
  std::deque<std::string> recentProblems;  // last few load errors, "path: reason"
};

class LibraryBatchSource : public BatchSource {
 public:
  // Throws std::invalid_argument for invalid configs (unknown sampler, B % M != 0, empty library),
  // std::runtime_error naming the library file when it cannot be read.
  // With a shard, the sampler draws global batches of N·B clips from N·M titles (globalSampler in
  // sampling/BatchShape.h) and only this rank's slice is loaded; augmentation is seeded by the global position,
  // so the slices of all ranks together equal the single-process batch of the same global size.
  explicit LibraryBatchSource(const DataConfig& config, Shard shard = {});
  ~LibraryBatchSource() override;

  Batch next() override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;

  const Library& library() const { return library_; }
  const ClipIndex& index() const { return *index_; }
  const Sampler& sampler() const { return *sampler_; }
  const DataConfig& config() const { return config_; }
  std::string cacheFolder() const { return cacheFolder_; }
  PipelineStats stats() const;

 private:
  void startWorkers();
  void stopWorkers();
  void workerLoop(int worker);

  DataConfig config_;
  Shard shard_;
  Library library_;
  std::unique_ptr<ClipIndex> index_;
  std::unique_ptr<Sampler> sampler_;
  std::string cacheFolder_;
  std::shared_ptr<TensorBufferPool> buffers_;  // batch tensors' memory, recycled

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::int64_t, Batch> ready_;
  std::int64_t scheduled_ = 0;   // batches drawn from the sampler
  std::int64_t delivered_ = 0;   // batches handed to the consumer
  bool stopping_ = false;
  std::exception_ptr failure_;
  PipelineStats stats_;
  std::vector<std::thread> workers_;
};

std::unique_ptr<BatchSource> makeLibraryBatchSource(const DataConfig& config, Shard shard = {});
// (cacheGeometryFor and cacheFolderFor: data/CacheLocation.h)

}  // namespace binge
