#include "model/TinyAudioEncoder.h"

#include "model/Normalization.h"

namespace binge {
namespace nn = torch::nn;

TinyAudioEncoderImpl::TinyAudioEncoderImpl(int64_t width, const std::string& normalization) : outputDim_(8 * width) {
  nn::Sequential seq;
  // Patchify stem (4×4, stride 4) for the same reason as the tiny video encoder: the first layer at
  // full spectrogram resolution dominated the step time with a 3×3 stride-2 stem.
  struct Layer {
    int64_t in, out, kernel, stride, padding;
  };
  const Layer layers[] = {{1, width, 4, 4, 0},
                          {width, 2 * width, 3, 2, 1},
                          {2 * width, 4 * width, 3, 2, 1},
                          {4 * width, 8 * width, 3, 1, 1}};
  for (const auto& l : layers) {
    seq->push_back(nn::Conv2d(nn::Conv2dOptions(l.in, l.out, l.kernel).stride(l.stride).padding(l.padding).bias(false)));
    seq->push_back(makeNormalization(normalization, l.out, 2));
    seq->push_back(nn::ReLU(nn::ReLUOptions(/*inplace=*/true)));
  }
  layers_ = register_module("layers", seq);
}

torch::Tensor TinyAudioEncoderImpl::forward(const torch::Tensor& logMel) {
  return torch::adaptive_avg_pool2d(layers_->forward(logMel), {1, 1}).flatten(1);
}

}  // namespace binge
