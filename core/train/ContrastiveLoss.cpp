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

torch::Tensor symmetricInfoNceRows(const torch::Tensor& zv, const torch::Tensor& za, const torch::Tensor& zvAll,
                                   const torch::Tensor& zaAll, std::int64_t offset, const torch::Tensor& scale) {
  TORCH_CHECK(zv.dim() == 2 && zv.sizes() == za.sizes() && zvAll.sizes() == zaAll.sizes() &&
                  zvAll.size(1) == zv.size(1) && offset >= 0 && offset + zv.size(0) <= zvAll.size(0),
              "InfoNCE rows need local [b, E] and global [N, E] embeddings with the rows inside the global batch");
  const auto targets = torch::arange(offset, offset + zv.size(0),
                                     torch::TensorOptions().dtype(torch::kLong).device(zv.device()));
  const auto videoToAudio = torch::matmul(zv, zaAll.t()) * scale;
  const auto audioToVideo = torch::matmul(za, zvAll.t()) * scale;
  return 0.5 * (torch::nn::functional::cross_entropy(videoToAudio, targets) +
                torch::nn::functional::cross_entropy(audioToVideo, targets));
}

ContrastiveLossImpl::ContrastiveLossImpl(const LossConfig& config) : learnable_(config.learnableTemperature) {
  const auto initial = torch::full({}, std::log(1.0 / config.temperature), torch::kFloat);
  if (learnable_)
    logScale_ = register_parameter("log_scale", initial);
  else
    logScale_ = register_buffer("log_scale", initial);
}

torch::Tensor ContrastiveLossImpl::scale() const { return logScale_.clamp_max(std::log(100.0)).exp(); }

torch::Tensor ContrastiveLossImpl::forward(const torch::Tensor& videoEmbedding, const torch::Tensor& audioEmbedding) {
  return symmetricInfoNce(videoEmbedding.to(torch::kFloat), audioEmbedding.to(torch::kFloat), scale());
}

torch::Tensor ContrastiveLossImpl::forwardGlobal(const torch::Tensor& videoEmbedding, const torch::Tensor& audioEmbedding,
                                                 const torch::Tensor& allVideo, const torch::Tensor& allAudio,
                                                 std::int64_t offset) {
  return symmetricInfoNceRows(videoEmbedding.to(torch::kFloat), audioEmbedding.to(torch::kFloat),
                              allVideo.to(torch::kFloat), allAudio.to(torch::kFloat), offset, scale());
}

double ContrastiveLossImpl::temperature() const {
  return 1.0 / std::exp(std::min(logScale_.item<double>(), std::log(100.0)));
}

}  // namespace binge
