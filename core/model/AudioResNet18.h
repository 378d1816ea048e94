#pragma once
// Audio encoder of the `paper` preset: torchvision's ResNet-18 on log-mel spectrograms with a
// 1-channel 7×7 stem and no fc (11,170,240 parameters). Input [B, 1, mels, frames]; output [B, 512].
#include <torch/torch.h>

namespace binge {

class ResNetBasicBlockImpl : public torch::nn::Module {
 public:
  ResNetBasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
  torch::nn::Sequential downsample_{nullptr};  // null when shapes already match
};
TORCH_MODULE(ResNetBasicBlock);

class AudioResNet18Impl : public torch::nn::Module {
 public:
  AudioResNet18Impl();
  torch::Tensor forward(const torch::Tensor& logMel);
  static constexpr int64_t kOutputDim = 512;

 private:
  torch::nn::Sequential stem_{nullptr};
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(AudioResNet18);

}  // namespace binge
