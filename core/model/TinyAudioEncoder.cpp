#include "model/TinyAudioEncoder.h"

namespace binge {
namespace nn = torch::nn;

TinyAudioEncoderImpl::TinyAudioEncoderImpl(int64_t width) : outputDim_(8 * width) {
  nn::Sequential seq;
  int64_t in = 1;
  for (int64_t out : {width, 2 * width, 4 * width, 8 * width}) {
    seq->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, /*kernel_size=*/3).stride(2).padding(1).bias(false)));
    seq->push_back(nn::BatchNorm2d(out));
    seq->push_back(nn::ReLU(nn::ReLUOptions(/*inplace=*/true)));
    in = out;
  }
  layers_ = register_module("layers", seq);
}

torch::Tensor TinyAudioEncoderImpl::forward(const torch::Tensor& logMel) {
  return torch::adaptive_avg_pool2d(layers_->forward(logMel), 1).flatten(1);
}

}  // namespace binge
