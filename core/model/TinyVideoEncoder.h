#pragma once
// Video encoder of the `tiny` preset: a 4×4 patchify stem and three strided 3-D conv blocks (1.16 M
// parameters at width 32), cheap enough to train at batch 32 on a 2-core laptop. The stem downsamples
// hard because a 3-D CNN's cost sits in its high-resolution layers while its parameters sit in the
// deep ones. Input [B, 3, T, H, W]; output pooled features [B, 8·width].
#include <torch/torch.h>

#include <string>

namespace binge {

class TinyVideoEncoderImpl : public torch::nn::Module {
 public:
  TinyVideoEncoderImpl(int64_t width = 32, const std::string& normalization = "batch");
  torch::Tensor forward(const torch::Tensor& video);
  int64_t outputDim() const { return outputDim_; }

 private:
  torch::nn::Sequential layers_{nullptr};
  int64_t outputDim_ = 0;
};
TORCH_MODULE(TinyVideoEncoder);

}  // namespace binge
