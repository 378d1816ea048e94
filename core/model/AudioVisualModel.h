#pragma once
// The trained model: a video encoder and an audio encoder, each followed by a projection head.
// Forward returns both the pooled backbone features (what probes and retrieval use, docs/architecture.md, Evaluation)
// and the L2-normalised head embeddings (what the contrastive loss uses).
#include "model/ModelConfig.h"
#include "model/ProjectionHead.h"

#include <torch/torch.h>

namespace binge {

struct ModelOutput {
  torch::Tensor videoFeatures;   // [B, Dv] pooled backbone output
  torch::Tensor audioFeatures;   // [B, Da]
  torch::Tensor videoEmbedding;  // [B, E] unit length
  torch::Tensor audioEmbedding;  // [B, E] unit length
};

class AudioVisualModelImpl : public torch::nn::Module {
 public:
  explicit AudioVisualModelImpl(const ModelConfig& config);
  // video [B, 3, T, H, W], audio [B, 1, mels, frames]
  ModelOutput forward(const torch::Tensor& video, const torch::Tensor& audio);
  torch::Tensor encodeVideo(const torch::Tensor& video);  // pooled features only
  torch::Tensor encodeAudio(const torch::Tensor& audio);

  torch::nn::Module& videoEncoder() { return *videoEncoder_.ptr(); }
  torch::nn::Module& audioEncoder() { return *audioEncoder_.ptr(); }
  torch::nn::Module& videoHead() { return *videoHead_; }
  torch::nn::Module& audioHead() { return *audioHead_; }
  const ModelConfig& config() const { return config_; }

 private:
  ModelConfig config_;
  torch::nn::AnyModule videoEncoder_;
  torch::nn::AnyModule audioEncoder_;
  ProjectionHead videoHead_{nullptr};
  ProjectionHead audioHead_{nullptr};
};
TORCH_MODULE(AudioVisualModel);

// Number of parameters of a module (all, trainable or not).
int64_t parameterCount(const torch::nn::Module& module);

}  // namespace binge
