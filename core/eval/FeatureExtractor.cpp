#include "eval/FeatureExtractor.h"

#include "runtime/Error.h"
#include "data/ClipAugmenter.h"
#include "data/ClipLoader.h"
#include "data/LibraryBatchSource.h"
#include "media/MediaProbe.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace binge {
namespace {

// Sums features per item; finish() divides by the clip counts.
class ItemAverager {
 public:
  explicit ItemAverager(int items) : items_(items), counts_(static_cast<size_t>(items), 0) {}
  void add(const ModelOutput& out, const std::vector<int>& itemOf) {
    const auto idx = torch::tensor(std::vector<std::int64_t>(itemOf.begin(), itemOf.end()), torch::kLong);
    const auto accumulate = [&](torch::Tensor& sum, const torch::Tensor& rows) {
      const auto cpu = rows.detach().to(torch::kCPU, torch::kFloat);
      if (!sum.defined()) sum = torch::zeros({items_, cpu.size(1)}, torch::kFloat);
      sum.index_add_(0, idx, cpu);
    };
    accumulate(sums_.video, out.videoFeatures);
    accumulate(sums_.audio, out.audioFeatures);
    accumulate(sums_.videoEmbedding, out.videoEmbedding);
    accumulate(sums_.audioEmbedding, out.audioEmbedding);
    for (int i : itemOf) ++counts_[static_cast<size_t>(i)];
  }
  FeatureSet finish() {
    for (size_t i = 0; i < counts_.size(); ++i)
      if (counts_[i] == 0) throw Error(ErrorKind::Internal, "feature extraction: item " + std::to_string(i) + " has no clip");
    const auto n = torch::tensor(std::vector<float>(counts_.begin(), counts_.end())).unsqueeze(1);
    FeatureSet f = sums_;
    f.video = f.video / n;
    f.audio = f.audio / n;
    f.videoEmbedding = torch::nn::functional::normalize(f.videoEmbedding, torch::nn::functional::NormalizeFuncOptions().dim(1));
    f.audioEmbedding = torch::nn::functional::normalize(f.audioEmbedding, torch::nn::functional::NormalizeFuncOptions().dim(1));
    return f;
  }

 private:
  int items_;
  std::vector<int> counts_;
  FeatureSet sums_;
};

ModelOutput forwardEval(AudioVisualModel& model, torch::Device device, const torch::Tensor& video,
                        const torch::Tensor& audio) {
  return model->forward(video.to(device), audio.to(device));
}

// Eval mode for the duration of extraction; the caller's mode (training, for live probes) comes back.
struct EvalModeScope {
  explicit EvalModeScope(AudioVisualModel& m) : model(m), wasTraining(m->is_training()) { model->eval(); }
  ~EvalModeScope() {
    if (wasTraining) model->train();
  }
  AudioVisualModel& model;
  bool wasTraining;
};

}  // namespace

EvalClipLoader::EvalClipLoader(const Library& library, const TrainConfig& config, const std::string& cacheFolder)
    : library_(library), frames_(config.data.clip.frames), crop_(config.data.cropSize) {
  ClipSpec spec = config.data.clip;
  const CacheGeometry geometry = cacheGeometryFor(config.data);
  spec.shortSide = geometry.shortSide;  // as the training pipeline does: same frame size from cache or decoder
  loader_ = std::make_unique<ClipLoader>(library, cacheFolder, geometry, spec);
  loader_->setCacheOutput(ClipLoader::kModelInput);
  AugmentOptions options;
  options.cropSize = crop_;
  options.train = false;
  augmenter_ = std::make_unique<ClipAugmenter>(options);
}

EvalClipLoader::~EvalClipLoader() = default;

void EvalClipLoader::load(const std::vector<ClipRequest>& clips, torch::Tensor& video, torch::Tensor& audio) {
  const auto n = static_cast<std::int64_t>(clips.size());
  video = torch::empty({n, 3, frames_, crop_, crop_}, torch::kFloat);
  audio = torch::Tensor();
  std::mt19937_64 rng(0);  // the evaluation view draws nothing; the generator is only the interface
  for (std::int64_t i = 0; i < n; ++i) {
    const auto& c = clips[static_cast<size_t>(i)];
    DecodedClip clip;
    try {
      clip = loader_->load(c.titleIndex, c.start);
    } catch (const std::exception& e) {
      const std::string what = e.what();
      const std::string& path = library_.titles[static_cast<size_t>(c.titleIndex)].path;
      throw Error(errorKindOf(e), what.find(path) == std::string::npos ? path + ": " + what : what);
    }
    if (clip.frames > 0) augmenter_->video(clip, augmenter_->drawView(clip.width, clip.height, rng), video[i].data_ptr<float>());
    else video[i].zero_();  // an audio-only file: the video probe is skipped for it
    if (!audio.defined()) audio = torch::empty({n, 1, clip.melBins, clip.melFrames}, torch::kFloat);
    std::memcpy(audio[i].data_ptr<float>(), clip.logMel.data(), clip.logMel.size() * sizeof(float));
  }
}

FeatureSet extractFeatures(AudioVisualModel& model, torch::Device device, EvalClipLoader& loader,
                           const std::vector<ClipRequest>& clips, int batchSize, const ExtractProgress& progress) {
  int items = 0;
  for (const auto& c : clips) items = std::max(items, c.item + 1);
  if (clips.empty()) throw std::invalid_argument("feature extraction: no clips");
  torch::NoGradGuard noGrad;
  EvalModeScope mode(model);
  ItemAverager averager(items);
  const auto total = static_cast<std::int64_t>(clips.size());
  for (std::int64_t b = 0; b < total; b += batchSize) {
    const std::vector<ClipRequest> part(clips.begin() + b, clips.begin() + std::min(total, b + batchSize));
    torch::Tensor video, audio;
    loader.load(part, video, audio);
    std::vector<int> itemOf;
    for (const auto& c : part) itemOf.push_back(c.item);
    averager.add(forwardEval(model, device, video, audio), itemOf);
    if (progress && !progress(b + static_cast<std::int64_t>(part.size()), total))
      throw Error(ErrorKind::Usage, "feature extraction cancelled");
  }
  return averager.finish();
}

Library probeSetLibrary(const ProbeSet& set) {
  Library library;
  for (size_t i = 0; i < set.items.size(); ++i) {
    const auto& item = set.items[i];
    const auto info = media::probeMedia(item.path);  // throws MediaError naming the file
    if (!info.video && !info.audio) throw Error(ErrorKind::Input, "probe clip " + item.path + ": no video or audio stream");
    Title t;
    t.id = "probe-" + std::to_string(i);
    t.path = item.path;
    t.name = std::filesystem::path(item.path).stem().string();
    t.duration = info.duration;
    if (info.video)
      t.video = VideoStreamInfo{info.video->codec, info.video->width, info.video->height, info.video->fps,
                                info.video->timeBaseNum, info.video->timeBaseDen, info.video->rotation};
    if (info.audio)
      t.audio = AudioStreamInfo{info.audio->codec, info.audio->sampleRate, info.audio->channels, info.audio->sampleFormat};
    library.titles.push_back(std::move(t));
  }
  return library;
}

std::vector<double> itemClipStarts(double duration, double clipSeconds, int maxClips) {
  const double span = std::max(0.0, duration - clipSeconds);
  const int n = std::max(1, std::min(maxClips, static_cast<int>(duration / clipSeconds + 1e-6)));
  std::vector<double> starts;
  for (int i = 0; i < n; ++i) starts.push_back(n == 1 ? span / 2 : span * i / (n - 1));
  return starts;
}

ProbeInputs loadProbeInputs(const ProbeSet& set, const TrainConfig& config, int maxClipsPerItem) {
  const auto t0 = std::chrono::steady_clock::now();
  ProbeInputs inputs;
  inputs.set = set;
  const Library library = probeSetLibrary(set);
  int withoutVideo = 0, withoutAudio = 0;
  std::string exampleVideo, exampleAudio;
  for (const Title& t : library.titles) {
    if (!t.video && withoutVideo++ == 0) exampleVideo = t.path;
    if (!t.audio && withoutAudio++ == 0) exampleAudio = t.path;
  }
  const auto count = [&](int n) { return std::to_string(n) + " of " + std::to_string(library.titles.size()) + " items"; };
  inputs.hasVideo = withoutVideo == 0;
  inputs.hasAudio = withoutAudio == 0;
  if (!inputs.hasVideo) inputs.skipped.push_back("video: " + count(withoutVideo) + " have no video stream, e.g. " + exampleVideo);
  if (!inputs.hasAudio) inputs.skipped.push_back("audio: " + count(withoutAudio) + " have no audio stream, e.g. " + exampleAudio);
  const double clipSeconds = std::max(config.data.clip.videoSeconds(), config.data.clip.audioSeconds);
  std::vector<ClipRequest> clips;
  for (int i = 0; i < static_cast<int>(library.titles.size()); ++i)
    for (double start : itemClipStarts(library.titles[static_cast<size_t>(i)].duration, clipSeconds, maxClipsPerItem)) {
      clips.push_back({i, start, i});
      inputs.itemOfClip.push_back(i);
    }
  EvalClipLoader loader(library, config, "");
  loader.load(clips, inputs.video, inputs.audio);
  inputs.loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return inputs;
}

FeatureSet extractFeatures(AudioVisualModel& model, torch::Device device, const ProbeInputs& inputs, int batchSize) {
  torch::NoGradGuard noGrad;
  EvalModeScope mode(model);
  ItemAverager averager(static_cast<int>(inputs.set.items.size()));
  const auto total = inputs.video.size(0);
  for (std::int64_t b = 0; b < total; b += batchSize) {
    const auto e = std::min(total, b + batchSize);
    const std::vector<int> itemOf(inputs.itemOfClip.begin() + b, inputs.itemOfClip.begin() + e);
    averager.add(forwardEval(model, device, inputs.video.slice(0, b, e), inputs.audio.slice(0, b, e)), itemOf);
  }
  return averager.finish();
}

}  // namespace binge
