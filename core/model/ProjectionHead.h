#pragma once
// MLP from pooled backbone features to the contrastive embedding space: Linear–ReLU–Linear, then L2
// normalisation (done by the caller-visible forward so embeddings are always unit length).
#include <torch/torch.h>

namespace binge {

class ProjectionHeadImpl : public torch::nn::Module {
 public:
  ProjectionHeadImpl(int64_t inputDim, int64_t hiddenDim, int64_t outputDim);
  // Returns L2-normalised embeddings [B, outputDim].
  torch::Tensor forward(const torch::Tensor& features);

 private:
  torch::nn::Linear fc1_{nullptr}, fc2_{nullptr};
};
TORCH_MODULE(ProjectionHead);

}  // namespace binge
