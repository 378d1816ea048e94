#include "model/ProjectionHead.h"

namespace binge {

ProjectionHeadImpl::ProjectionHeadImpl(int64_t inputDim, int64_t hiddenDim, int64_t outputDim) {
  fc1_ = register_module("fc1", torch::nn::Linear(inputDim, hiddenDim));
  fc2_ = register_module("fc2", torch::nn::Linear(hiddenDim, outputDim));
}

torch::Tensor ProjectionHeadImpl::forward(const torch::Tensor& features) {
  auto z = fc2_->forward(torch::relu(fc1_->forward(features)));
  // Normalise in float32 even under autocast: fp16 norms of 128-d vectors lose too much precision.
  return torch::nn::functional::normalize(z.to(torch::kFloat),
                                          torch::nn::functional::NormalizeFuncOptions().dim(1).eps(1e-8));
}

}  // namespace binge
