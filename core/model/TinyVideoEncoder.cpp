#include "model/TinyVideoEncoder.h"

#include <array>

namespace binge {
namespace nn = torch::nn;

namespace {
void addBlock(nn::Sequential& seq, int64_t in, int64_t out, std::array<int64_t, 3> kernel,
              std::array<int64_t, 3> stride) {
  const std::array<int64_t, 3> padding = {kernel[0] / 2, kernel[1] / 2, kernel[2] / 2};
  seq->push_back(nn::Conv3d(nn::Conv3dOptions(in, out, torch::ExpandingArray<3>(kernel))
                                .stride(torch::ExpandingArray<3>(stride))
                                .padding(torch::ExpandingArray<3>(padding))
                                .bias(false)));
  seq->push_back(nn::BatchNorm3d(out));
  seq->push_back(nn::ReLU(nn::ReLUOptions(/*inplace=*/true)));
}
}  // namespace

TinyVideoEncoderImpl::TinyVideoEncoderImpl(int64_t width) : outputDim_(8 * width) {
  nn::Sequential seq;
  // Spatial-only stem: motion is cheap to learn after the frames are 4× smaller.
  addBlock(seq, 3, width, {1, 5, 5}, {1, 2, 2});
  addBlock(seq, width, 2 * width, {3, 3, 3}, {2, 2, 2});
  addBlock(seq, 2 * width, 4 * width, {3, 3, 3}, {2, 2, 2});
  addBlock(seq, 4 * width, 8 * width, {3, 3, 3}, {1, 2, 2});
  layers_ = register_module("layers", seq);
}

torch::Tensor TinyVideoEncoderImpl::forward(const torch::Tensor& video) {
  return torch::adaptive_avg_pool3d(layers_->forward(video), 1).flatten(1);
}

}  // namespace binge
