#include "train/SyntheticBatchSource.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <stdexcept>

namespace binge {
namespace {
constexpr int64_t kLatent = 16;
constexpr double kClipDeviation = 0.6;  // clip code spread around its title's code
constexpr double kNoise = 0.5;          // per-pixel noise, independent in video and audio

at::Generator generator(std::uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }
}  // namespace

SyntheticBatchSource::SyntheticBatchSource(const TrainConfig& config, int titleCount, int distinctBatches,
                                           Shard shard)
    : batchSize_(globalSampler(config.data.sampler, shard.count).batchSize),
      shard_(shard),
      layout_(titleLayout(globalSampler(config.data.sampler, shard.count))),
      titleCount_(std::max(titleCount, layout_.titles)),
      seed_(config.seed) {
  const auto& clip = config.data.clip;
  videoShape_ = {3, clip.frames, config.data.cropSize, config.data.cropSize};
  audioShape_ = {1, clip.melBins, melFrames(clip)};
  const int64_t videoSize = 3LL * clip.frames * config.data.cropSize * config.data.cropSize;
  const int64_t audioSize = static_cast<int64_t>(clip.melBins) * audioShape_[2];
  auto gen = generator(seed_ ^ 0x5EED5EEDULL);
  titleCodes_ = torch::randn({titleCount_, kLatent}, gen, torch::kFloat);
  // Scaled so each output element has unit variance for a unit-variance code.
  videoBasis_ = torch::randn({kLatent, videoSize}, gen, torch::kFloat) / std::sqrt(double(kLatent));
  audioBasis_ = torch::randn({kLatent, audioSize}, gen, torch::kFloat) / std::sqrt(double(kLatent));
  for (int i = 0; i < distinctBatches; ++i) cached_.push_back(make(i));
}

Batch SyntheticBatchSource::make(std::int64_t index) const {
  Batch global = makeGlobal(index);
  if (!shard_.sharded()) return global;
  const int local = batchSize_ / shard_.count;
  const int first = shard_.rank * local;
  Batch batch;
  batch.video = global.video.slice(0, first, first + local).contiguous();
  batch.audio = global.audio.slice(0, first, first + local).contiguous();
  batch.clips.assign(global.clips.begin() + first, global.clips.begin() + first + local);
  batch.globalClips = std::move(global.clips);
  return batch;
}

Batch SyntheticBatchSource::makeGlobal(std::int64_t index) const {
  auto gen = generator(seed_ * 1000003ULL + static_cast<std::uint64_t>(index) + 1);
  const int perTitle = layout_.clipsPerTitle;
  const auto titles = torch::randperm(titleCount_, gen, torch::kLong).slice(0, 0, layout_.titles);
  Batch batch;
  std::vector<int64_t> titleOfClip(batchSize_);
  for (int i = 0; i < batchSize_; ++i) {
    titleOfClip[i] = titles[i / perTitle].item<int64_t>();
    ClipRef ref;
    ref.titleIndex = static_cast<int>(titleOfClip[i]);
    ref.titleId = "synthetic-" + std::to_string(ref.titleIndex);
    ref.start = static_cast<double>((index * batchSize_ + i) % 3600);
    batch.clips.push_back(ref);
  }
  const auto titleIdx = torch::tensor(titleOfClip, torch::kLong);
  const auto codes = titleCodes_.index_select(0, titleIdx) +
                     kClipDeviation * torch::randn({batchSize_, kLatent}, gen, torch::kFloat);
  std::vector<int64_t> videoShape = {batchSize_};
  videoShape.insert(videoShape.end(), videoShape_.begin(), videoShape_.end());
  std::vector<int64_t> audioShape = {batchSize_};
  audioShape.insert(audioShape.end(), audioShape_.begin(), audioShape_.end());
  batch.video = (torch::matmul(codes, videoBasis_) +
                 kNoise * torch::randn({batchSize_, videoBasis_.size(1)}, gen, torch::kFloat))
                    .view(videoShape);
  batch.audio = (torch::matmul(codes, audioBasis_) +
                 kNoise * torch::randn({batchSize_, audioBasis_.size(1)}, gen, torch::kFloat))
                    .view(audioShape);
  return batch;
}

Batch SyntheticBatchSource::next() {
  const std::int64_t index = index_++;
  if (cached_.empty()) return make(index);
  return cached_[static_cast<std::size_t>(index % static_cast<std::int64_t>(cached_.size()))];
}

nlohmann::json SyntheticBatchSource::state() const {
  return {{"kind", "synthetic"}, {"seed", seed_}, {"batches_drawn", index_}, {"shard_count", shard_.count}};
}

void SyntheticBatchSource::restore(const nlohmann::json& state) {
  if (state.value("kind", "") != "synthetic")
    throw std::invalid_argument("checkpoint holds the state of another batch source: " + state.dump());
  if (state.at("seed").get<std::uint64_t>() != seed_)
    throw std::invalid_argument("checkpoint's synthetic source seed differs from the run's seed");
  index_ = reshardedBatches(state.at("batches_drawn").get<std::int64_t>(), state.value("shard_count", 1), shard_.count);
}

}  // namespace binge
