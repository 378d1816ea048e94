#pragma once
// Symmetric cross-modal InfoNCE (docs/architecture.md, Presets): for a batch of B clips, video i must pick its own
// audio among the B audios (and audio i its own video), with cosine similarities divided by a temperature τ. Every
// other clip of the batch is a negative — which is why what the sampler puts in a batch matters.
#include "train/TrainConfig.h"

#include <torch/torch.h>

namespace binge {

// loss = ½·(CE(S, I) + CE(Sᵀ, I)) with S = zv·zaᵀ · scale and scale = 1/τ.
// zv, za: [B, E] L2-normalised embeddings (float32). scale: 0-d tensor (may require grad).
torch::Tensor symmetricInfoNce(const torch::Tensor& zv, const torch::Tensor& za, const torch::Tensor& scale);

// The same loss for rows [offset, offset + b) of a global batch whose embeddings are zvAll/zaAll
// [N, E]: local video i must pick audio offset + i among all N audios, and local audio i video
// offset + i. The mean of this over the ranks of a data-parallel job equals symmetricInfoNce on the
// whole global batch.
torch::Tensor symmetricInfoNceRows(const torch::Tensor& zv, const torch::Tensor& za, const torch::Tensor& zvAll,
                                   const torch::Tensor& zaAll, std::int64_t offset, const torch::Tensor& scale);

class ContrastiveLossImpl : public torch::nn::Module {
 public:
  explicit ContrastiveLossImpl(const LossConfig& config);
  torch::Tensor forward(const torch::Tensor& videoEmbedding, const torch::Tensor& audioEmbedding);
  // Local rows against the negatives of the whole global batch (see symmetricInfoNceRows).
  torch::Tensor forwardGlobal(const torch::Tensor& videoEmbedding, const torch::Tensor& audioEmbedding,
                              const torch::Tensor& allVideo, const torch::Tensor& allAudio, std::int64_t offset);
  double temperature() const;  // current τ (changes during training when learnable)

 private:
  // log(1/τ): learning the log keeps τ positive; clamped so 1/τ never exceeds 100 (CLIP's bound), past
  // which the logits saturate and training diverges.
  torch::Tensor scale() const;
  torch::Tensor logScale_;
  bool learnable_ = false;
};
TORCH_MODULE(ContrastiveLoss);

}  // namespace binge
