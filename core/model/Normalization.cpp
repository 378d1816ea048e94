#include "model/Normalization.h"

#include <numeric>

namespace binge {

torch::nn::AnyModule makeNormalization(const std::string& kind, int64_t channels, int spatialDims) {
  if (kind == "group") return torch::nn::AnyModule(torch::nn::GroupNorm(std::gcd(channels, int64_t{8}), channels));
  if (spatialDims == 3) return torch::nn::AnyModule(torch::nn::BatchNorm3d(channels));
  return torch::nn::AnyModule(torch::nn::BatchNorm2d(channels));
}

}  // namespace binge
