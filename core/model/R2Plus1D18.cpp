#include "model/R2Plus1D18.h"

namespace binge {
namespace nn = torch::nn;

Conv2Plus1DImpl::Conv2Plus1DImpl(int64_t inPlanes, int64_t outPlanes, int64_t midPlanes, int64_t stride) {
  layers_ = register_module(
      "layers",
      nn::Sequential(nn::Conv3d(nn::Conv3dOptions(inPlanes, midPlanes, {1, 3, 3})
                                    .stride({1, stride, stride})
                                    .padding({0, 1, 1})
                                    .bias(false)),
                     nn::BatchNorm3d(midPlanes), nn::ReLU(nn::ReLUOptions(/*inplace=*/true)),
                     nn::Conv3d(nn::Conv3dOptions(midPlanes, outPlanes, {3, 1, 1})
                                    .stride({stride, 1, 1})
                                    .padding({1, 0, 0})
                                    .bias(false))));
}

torch::Tensor Conv2Plus1DImpl::forward(const torch::Tensor& x) { return layers_->forward(x); }

R2Plus1DBlockImpl::R2Plus1DBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride) {
  // torchvision's BasicBlock computes midplanes once from (inplanes, planes) and uses it for both convs.
  const int64_t midPlanes = (inPlanes * planes * 3 * 3 * 3) / (inPlanes * 3 * 3 + 3 * planes);
  conv1_ = register_module("conv1", nn::Sequential(Conv2Plus1D(inPlanes, planes, midPlanes, stride),
                                                   nn::BatchNorm3d(planes),
                                                   nn::ReLU(nn::ReLUOptions(/*inplace=*/true))));
  conv2_ = register_module("conv2",
                           nn::Sequential(Conv2Plus1D(planes, planes, midPlanes, 1), nn::BatchNorm3d(planes)));
  if (stride != 1 || inPlanes != planes) {
    downsample_ = register_module(
        "downsample",
        nn::Sequential(nn::Conv3d(nn::Conv3dOptions(inPlanes, planes, 1).stride(stride).bias(false)),
                       nn::BatchNorm3d(planes)));
  }
}

torch::Tensor R2Plus1DBlockImpl::forward(const torch::Tensor& x) {
  auto out = conv2_->forward(conv1_->forward(x));
  out += downsample_ ? downsample_->forward(x) : x;
  return torch::relu_(out);
}

R2Plus1D18Impl::R2Plus1D18Impl() {
  stem_ = register_module(
      "stem",
      nn::Sequential(
          nn::Conv3d(nn::Conv3dOptions(3, 45, {1, 7, 7}).stride({1, 2, 2}).padding({0, 3, 3}).bias(false)),
          nn::BatchNorm3d(45), nn::ReLU(nn::ReLUOptions(true)),
          nn::Conv3d(nn::Conv3dOptions(45, 64, {3, 1, 1}).stride(1).padding({1, 0, 0}).bias(false)),
          nn::BatchNorm3d(64), nn::ReLU(nn::ReLUOptions(true))));
  nn::Sequential layers;
  int64_t inPlanes = 64;
  const int64_t planes[4] = {64, 128, 256, 512};
  const int64_t strides[4] = {1, 2, 2, 2};
  for (int i = 0; i < 4; ++i) {
    layers->push_back(R2Plus1DBlock(inPlanes, planes[i], strides[i]));
    layers->push_back(R2Plus1DBlock(planes[i], planes[i], 1));
    inPlanes = planes[i];
  }
  layers_ = register_module("layers", layers);
}

torch::Tensor R2Plus1D18Impl::forward(const torch::Tensor& video) {
  auto x = layers_->forward(stem_->forward(video));
  return torch::adaptive_avg_pool3d(x, {1, 1, 1}).flatten(1);
}

}  // namespace binge
