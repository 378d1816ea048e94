#pragma once
// In-memory batches with a learnable audio-visual correspondence, for tests and the compute-only
// benchmark. Each clip has a latent code = its title's code + a clip-specific deviation; the video and
// the audio are two different fixed random linear maps of that code plus noise. A model can therefore
// learn to match a clip's video with its audio, and same-title negatives are harder than cross-title
// ones — the structure the real sampler creates. Batch k is a pure function of (seed, k): the state is
// just k, so a restored source continues the same sequence bit for bit.
#include "data/BatchSource.h"
#include "data/Shard.h"
#include "sampling/BatchShape.h"
#include "train/TrainConfig.h"

#include <cstdint>

namespace binge {

class SyntheticBatchSource : public BatchSource {
 public:
  // Shapes from the config's clip geometry: video [B,3,T,crop,crop], audio [B,1,mels,melFrames(clip)].
  // M titles per batch (the sampler's, hierarchical layout), drawn from `titleCount` synthetic titles.
  // distinctBatches > 0: pre-generate that many batches and cycle through them, so next() costs nothing
  // (the compute-only benchmark). 0: generate each batch on demand.
  // With a shard, batch k is this rank's slice of the global batch k of shard.count × B clips (the one a
  // single process with that batch size and shard.count × M titles per batch would get).
  explicit SyntheticBatchSource(const TrainConfig& config, int titleCount = 16, int distinctBatches = 0,
                                Shard shard = {});

  Batch next() override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;

  std::int64_t batchesDrawn() const { return index_; }

 private:
  Batch make(std::int64_t index) const;
  Batch makeGlobal(std::int64_t index) const;

  int batchSize_;  // global: local batch × shard count
  Shard shard_;
  TitleLayout layout_;  // of the global batch
  int titleCount_;
  std::uint64_t seed_;
  std::vector<int64_t> videoShape_;  // per clip [3,T,H,W]
  std::vector<int64_t> audioShape_;  // per clip [1,mels,frames]
  torch::Tensor titleCodes_;         // [titleCount, latent]
  torch::Tensor videoBasis_;         // [latent, 3·T·H·W]
  torch::Tensor audioBasis_;         // [latent, mels·frames]
  std::vector<Batch> cached_;
  std::int64_t index_ = 0;
};

}  // namespace binge
