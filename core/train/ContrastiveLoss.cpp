#include "train/ContrastiveLoss.h"

#include <cmath>

namespace binge {

torch::Tensor symmetricInfoNce(const torch::Tensor& zv, const torch::Tensor& za, const torch::Tensor& scale) {
  TORCH_CHECK(zv.dim() == 2 && zv.sizes() == za.sizes(), "InfoNCE needs two [B, E] embeddings of the same shape");
  const auto logits = torch::matmul(zv, za.t()) * scale;
  const auto targets = torch::arange(zv.size(0), torch::TensorOptions().dtype(torch::kLong).device(zv.device()));
  return 0.5 * (torch::nn::functional::cross_entropy(logits, targets) +
                torch::nn::functional::cross_entropy(logits.t(), targets));
}

ContrastiveLossImpl::ContrastiveLossImpl(const LossConfig& config) : learnable_(config.learnableTemperature) {
  const auto initial = torch::full({}, std::log(1.0 / config.temperature), torch::kFloat);
  if (learnable_)
    logScale_ = register_parameter("log_scale", initial);
  else
    logScale_ = register_buffer("log_scale", initial);
}

torch::Tensor ContrastiveLossImpl::forward(const torch::Tensor& videoEmbedding, const torch::Tensor& audioEmbedding) {
  const auto scale = logScale_.clamp_max(std::log(100.0)).exp();
  return symmetricInfoNce(videoEmbedding.to(torch::kFloat), audioEmbedding.to(torch::kFloat), scale);
}

double ContrastiveLossImpl::temperature() const {
  return 1.0 / std::exp(std::min(logScale_.item<double>(), std::log(100.0)));
}

}  // namespace binge
