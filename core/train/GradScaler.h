#pragma once
// Dynamic loss scaling for float16 autocast on CUDA. LibTorch 1.13's C++ API has autocast (the
// dispatcher-level at::autocast switches) but no GradScaler, so this is the small part of
// torch.cuda.amp.GradScaler that training needs: scale the loss, unscale the gradients before
// clipping, skip the step and halve the scale on inf/NaN gradients, double it after a run of good steps.
#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace binge {

class GradScaler {
 public:
  explicit GradScaler(bool enabled, double initialScale = 65536.0, int growthInterval = 2000);
  bool enabled() const { return enabled_; }
  torch::Tensor scale(const torch::Tensor& loss) const;
  // Divides gradients by the scale; returns false (and lowers the scale) when any is not finite.
  bool unscaleAndCheck(const std::vector<torch::Tensor>& parameters);
  void update(bool stepTaken);
  double currentScale() const { return scale_; }

  nlohmann::json state() const;
  void restore(const nlohmann::json& state);

 private:
  bool enabled_;
  double scale_;
  int growthInterval_;
  int goodSteps_ = 0;
};

}  // namespace binge
