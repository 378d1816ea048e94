#include "model/AudioResNet18.h"

namespace binge {
namespace nn = torch::nn;

ResNetBasicBlockImpl::ResNetBasicBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride) {
  conv1_ = register_module(
      "conv1", nn::Conv2d(nn::Conv2dOptions(inPlanes, planes, 3).stride(stride).padding(1).bias(false)));
  bn1_ = register_module("bn1", nn::BatchNorm2d(planes));
  conv2_ = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(planes, planes, 3).padding(1).bias(false)));
  bn2_ = register_module("bn2", nn::BatchNorm2d(planes));
  if (stride != 1 || inPlanes != planes) {
    downsample_ = register_module(
        "downsample", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(inPlanes, planes, 1).stride(stride).bias(false)),
                                     nn::BatchNorm2d(planes)));
  }
}

torch::Tensor ResNetBasicBlockImpl::forward(const torch::Tensor& x) {
  auto out = bn1_->forward(conv1_->forward(x));
  out.relu_();
  out = bn2_->forward(conv2_->forward(out));
  out += downsample_ ? downsample_->forward(x) : x;
  return torch::relu_(out);
}

AudioResNet18Impl::AudioResNet18Impl() {
  stem_ = register_module(
      "stem", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(1, 64, 7).stride(2).padding(3).bias(false)),
                             nn::BatchNorm2d(64), nn::ReLU(nn::ReLUOptions(/*inplace=*/true)),
                             nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1))));
  nn::Sequential layers;
  int64_t inPlanes = 64;
  const int64_t planes[4] = {64, 128, 256, 512};
  const int64_t strides[4] = {1, 2, 2, 2};
  for (int i = 0; i < 4; ++i) {
    layers->push_back(ResNetBasicBlock(inPlanes, planes[i], strides[i]));
    layers->push_back(ResNetBasicBlock(planes[i], planes[i], 1));
    inPlanes = planes[i];
  }
  layers_ = register_module("layers", layers);
}

torch::Tensor AudioResNet18Impl::forward(const torch::Tensor& logMel) {
  auto x = layers_->forward(stem_->forward(logMel));
  return torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1);
}

}  // namespace binge
