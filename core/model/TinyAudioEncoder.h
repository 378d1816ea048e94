#pragma once
// Audio encoder of the `tiny` preset: a 4×4 patchify stem and three 3×3 conv blocks over the log-mel
// spectrogram (0.39 M parameters at width 32).
// Input [B, 1, mels, frames]; output pooled features [B, 8·width].
#include <torch/torch.h>

#include <string>

namespace binge {

class TinyAudioEncoderImpl : public torch::nn::Module {
 public:
  TinyAudioEncoderImpl(int64_t width = 32, const std::string& normalization = "batch");
  torch::Tensor forward(const torch::Tensor& logMel);
  int64_t outputDim() const { return outputDim_; }

 private:
  torch::nn::Sequential layers_{nullptr};
  int64_t outputDim_ = 0;
};
TORCH_MODULE(TinyAudioEncoder);

}  // namespace binge
