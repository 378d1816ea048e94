#pragma once
// Samplers draw batches of clip windows from a ClipIndex (docs/architecture.md, Sampling):
//   uniform         each element uniformly over all windows of the library (long titles dominate)
//   title-balanced  a title uniformly, then one window in it
//   hierarchical    M titles, then K = B / M windows of each, at least min_gap seconds apart
// Within an epoch titles/windows are drawn without replacement. A sampler is deterministic by seed;
// its state is (seed, batches drawn) and restoring replays the draws, which is exact by construction
// and cheap (microseconds per batch) next to a training step.
#include "sampling/ClipIndex.h"
#include "sampling/SamplerConfig.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace binge {

class Sampler {
 public:
  virtual ~Sampler() = default;

  std::vector<ClipWindow> nextBatch();
  std::int64_t batchesDrawn() const { return batchesDrawn_; }
  // Completed passes over the sampler's epoch unit (windows for uniform, titles otherwise).
  std::int64_t epoch() const { return epoch_; }
  const SamplerConfig& config() const { return config_; }
  const ClipIndex& index() const { return index_; }
  // Documented fallbacks and exclusions that apply to this sampler (shown with its statistics).
  const std::vector<std::string>& notes() const { return notes_; }

  nlohmann::json state() const;
  // The batch's shape as state() records it; a state saved by a job of another number of ranks takes
  // this sampler's shape before restore() (data/LibraryBatchSource.cpp).
  nlohmann::json shapeState() const;
  // Throws std::invalid_argument if the state belongs to another sampler kind or seed.
  void restore(const nlohmann::json& state);

 protected:
  Sampler(const ClipIndex& index, const SamplerConfig& config);
  virtual std::vector<ClipWindow> draw() = 0;
  virtual void reset() = 0;  // back to the state right after construction

  ClipWindow window(int entry, int windowNumber) const;
  std::mt19937_64 rng_;
  std::int64_t epoch_ = 0;
  std::vector<std::string> notes_;
  const ClipIndex& index_;
  SamplerConfig config_;

 private:
  std::int64_t batchesDrawn_ = 0;
};

// Throws std::invalid_argument with a clear message for an unknown kind or invalid parameters
// (B not divisible by M, fewer than M titles that can give K clips at min_gap, …).
std::unique_ptr<Sampler> makeSampler(const ClipIndex& index, const SamplerConfig& config);

std::vector<std::string> samplerKinds();

}  // namespace binge
