#include "train/GradScaler.h"

namespace binge {

GradScaler::GradScaler(bool enabled, double initialScale, int growthInterval)
    : enabled_(enabled), scale_(initialScale), growthInterval_(growthInterval) {}

torch::Tensor GradScaler::scale(const torch::Tensor& loss) const { return enabled_ ? loss * scale_ : loss; }

bool GradScaler::unscaleAndCheck(const std::vector<torch::Tensor>& parameters) {
  if (!enabled_) return true;
  bool finite = true;
  torch::NoGradGuard noGrad;
  for (const auto& p : parameters) {
    if (!p.grad().defined()) continue;
    p.grad().mul_(1.0 / scale_);
    if (finite && !torch::isfinite(p.grad()).all().item<bool>()) finite = false;
  }
  return finite;
}

void GradScaler::update(bool stepTaken) {
  if (!enabled_) return;
  if (!stepTaken) {
    scale_ = std::max(scale_ * 0.5, 1.0);
    goodSteps_ = 0;
  } else if (++goodSteps_ >= growthInterval_) {
    scale_ *= 2.0;
    goodSteps_ = 0;
  }
}

nlohmann::json GradScaler::state() const { return {{"scale", scale_}, {"good_steps", goodSteps_}}; }

void GradScaler::restore(const nlohmann::json& state) {
  if (state.is_object()) {
    scale_ = state.value("scale", scale_);
    goodSteps_ = state.value("good_steps", 0);
  }
}

}  // namespace binge
