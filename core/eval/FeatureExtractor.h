#pragma once
// Frozen features for evaluation (docs/architecture.md, Evaluation): clips are loaded with the training pipeline's
// loader (prepared cache first, direct decoding otherwise) and evaluation view (centre crop, no jitter, no audio gain
// or masking), run through the model in eval mode under NoGradGuard in batches on the model's device, and averaged
// per item where an item (a probe file) spans several clips. Returns the pooled backbone features (what probes use)
// and the head embeddings (what retrieval uses).
#include "eval/ProbeSet.h"
#include "library/Library.h"
#include "model/AudioVisualModel.h"
#include "train/TrainConfig.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace binge {

class ClipLoader;
class ClipAugmenter;

struct ClipRequest {
  int titleIndex = -1;  // into the library
  double start = 0.0;   // seconds
  int item = 0;         // output row this clip is averaged into
};

struct FeatureSet {
  torch::Tensor video;           // [N, Dv] pooled backbone, averaged over the item's clips (CPU float)
  torch::Tensor audio;           // [N, Da]
  torch::Tensor videoEmbedding;  // [N, E] head output averaged, re-normalised to unit length
  torch::Tensor audioEmbedding;  // [N, E]
};

// (done, total) clips. Return false to cancel (extraction then throws std::runtime_error "cancelled").
using ExtractProgress = std::function<bool(std::int64_t done, std::int64_t total)>;

// Loads clips of a library as model inputs in evaluation mode. One per thread.
class EvalClipLoader {
 public:
  // cacheFolder may be empty (decode directly). The library must outlive the loader.
  EvalClipLoader(const Library& library, const TrainConfig& config, const std::string& cacheFolder);
  ~EvalClipLoader();
  // video [n, 3, T, crop, crop], audio [n, 1, mels, frames]. Throws naming the file on a bad clip.
  void load(const std::vector<ClipRequest>& clips, torch::Tensor& video, torch::Tensor& audio);

 private:
  const Library& library_;
  int frames_ = 0, crop_ = 0;
  std::unique_ptr<ClipLoader> loader_;
  std::unique_ptr<ClipAugmenter> augmenter_;
};

// Runs `clips` through the model and averages per item (items = 1 + max item).
FeatureSet extractFeatures(AudioVisualModel& model, torch::Device device, EvalClipLoader& loader,
                           const std::vector<ClipRequest>& clips, int batchSize = 32,
                           const ExtractProgress& progress = {});

// A probe set decoded once into model inputs (centre crop), so live probes during training pay only
// the forward passes. Each file gives up to maxClipsPerItem clips evenly spread over its length.
struct ProbeInputs {
  ProbeSet set;
  // The modalities every item has. A probe runs only those; `skipped` says which it left out and why
  // ("audio: 40 of 40 items have no audio stream, e.g. …"). A missing modality's input is zeros.
  bool hasVideo = true, hasAudio = true;
  std::vector<std::string> skipped;
  torch::Tensor video;           // [clips, 3, T, crop, crop]
  torch::Tensor audio;           // [clips, 1, mels, frames]
  std::vector<int> itemOfClip;   // clip → item (index into set.items)
  double loadSeconds = 0;
};

// A library holding the probe set's files as titles (probed with FFmpeg); a file may lack video or audio.
// Throws naming a file that cannot be probed or has neither.
Library probeSetLibrary(const ProbeSet& set);
// Clip starts for one item of `duration` seconds: up to maxClips windows of clipSeconds, evenly spread.
std::vector<double> itemClipStarts(double duration, double clipSeconds, int maxClips);

ProbeInputs loadProbeInputs(const ProbeSet& set, const TrainConfig& config, int maxClipsPerItem = 3);
FeatureSet extractFeatures(AudioVisualModel& model, torch::Device device, const ProbeInputs& inputs, int batchSize = 32);

}  // namespace binge
