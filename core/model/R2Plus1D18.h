#pragma once
// Video encoder of the `paper` preset: R(2+1)D-18, layer for layer as torchvision's r2plus1d_18 with the
// fc layer removed (31,300,125 parameters). Keeping the exact layout means published weights and
// numbers carry over. Input [B, 3, T, H, W]; output pooled features [B, 512].
#include <torch/torch.h>

namespace binge {

// A 3-D convolution factored into a spatial (1×3×3) and a temporal (3×1×1) one with `midplanes`
// channels in between, chosen so the pair has about the parameters of the full 3×3×3 kernel.
class Conv2Plus1DImpl : public torch::nn::Module {
 public:
  Conv2Plus1DImpl(int64_t inPlanes, int64_t outPlanes, int64_t midPlanes, int64_t stride = 1);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(Conv2Plus1D);

class R2Plus1DBlockImpl : public torch::nn::Module {
 public:
  R2Plus1DBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Sequential conv1_{nullptr};
  torch::nn::Sequential conv2_{nullptr};
  torch::nn::Sequential downsample_{nullptr};  // null when shapes already match
};
TORCH_MODULE(R2Plus1DBlock);

class R2Plus1D18Impl : public torch::nn::Module {
 public:
  R2Plus1D18Impl();
  torch::Tensor forward(const torch::Tensor& video);
  static constexpr int64_t kOutputDim = 512;

 private:
  torch::nn::Sequential stem_{nullptr};
  torch::nn::Sequential layers_{nullptr};
};
TORCH_MODULE(R2Plus1D18);

}  // namespace binge
