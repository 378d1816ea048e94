#include "train/GradientReducer.h"

#include <algorithm>
#include <chrono>

namespace binge {

GradientReducer::GradientReducer(std::vector<torch::Tensor> parameters, DistributedSession& session,
                                 double bucketMegabytes)
    : parameters_(std::move(parameters)), slots_(parameters_.size()), session_(session) {
  const auto capBytes = static_cast<std::int64_t>(bucketMegabytes * 1024 * 1024);
  std::int64_t bytes = 0;
  for (int p = static_cast<int>(parameters_.size()) - 1; p >= 0; --p) {
    const auto& param = parameters_[static_cast<size_t>(p)];
    if (!param.requires_grad()) continue;
    if (buckets_.empty() || (bytes > 0 && bytes + param.nbytes() > static_cast<size_t>(capBytes))) {
      buckets_.emplace_back();
      bytes = 0;
    }
    auto& bucket = buckets_.back();
    slots_[static_cast<size_t>(p)] = {static_cast<int>(buckets_.size()) - 1, 0};
    bucket.parameters.push_back(p);
    bytes += static_cast<std::int64_t>(param.nbytes());
  }
  for (auto& bucket : buckets_) {
    std::int64_t offset = 0;
    for (int p : bucket.parameters) {
      slots_[static_cast<size_t>(p)].offset = offset;
      offset += parameters_[static_cast<size_t>(p)].numel();
    }
    const auto& first = parameters_[static_cast<size_t>(bucket.parameters.front())];
    bucket.flat = torch::zeros({offset}, first.options().requires_grad(false));
    bucket.filled.assign(bucket.parameters.size(), false);
  }
  for (int p = 0; p < static_cast<int>(parameters_.size()); ++p) {
    auto& param = parameters_[static_cast<size_t>(p)];
    if (!param.requires_grad()) continue;
    // The hook sees the gradient this backward produced for the parameter (before it is accumulated
    // into .grad) and leaves it unchanged.
    param.register_hook([this, p](const torch::Tensor& grad) { onGradient(p, grad); });
  }
}

std::int64_t GradientReducer::elementCount() const {
  std::int64_t n = 0;
  for (const auto& b : buckets_) n += b.flat.numel();
  return n;
}

void GradientReducer::prepare() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& bucket : buckets_) {
    bucket.pending = static_cast<int>(bucket.parameters.size());
    bucket.started = false;
    bucket.work.reset();
    std::fill(bucket.filled.begin(), bucket.filled.end(), false);
  }
  nextToStart_ = 0;
  armed_ = true;
}

void GradientReducer::onGradient(int parameter, const torch::Tensor& grad) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!armed_) return;  // a backward pass outside training (tests, probes): not ours to reduce
  const Slot slot = slots_[static_cast<size_t>(parameter)];
  auto& bucket = buckets_[static_cast<size_t>(slot.bucket)];
  const auto position = static_cast<size_t>(
      std::find(bucket.parameters.begin(), bucket.parameters.end(), parameter) - bucket.parameters.begin());
  const auto numel = parameters_[static_cast<size_t>(parameter)].numel();
  auto view = bucket.flat.narrow(0, slot.offset, numel);
  if (bucket.filled[position]) {
    view.add_(grad.detach().reshape({-1}));  // the same parameter used twice in the graph
    return;
  }
  view.copy_(grad.detach().reshape({-1}));
  bucket.filled[position] = true;
  --bucket.pending;
  startReadyBuckets();
}

void GradientReducer::startReadyBuckets() {
  while (nextToStart_ < static_cast<int>(buckets_.size()) && buckets_[static_cast<size_t>(nextToStart_)].pending == 0) {
    auto& bucket = buckets_[static_cast<size_t>(nextToStart_)];
    bucket.work = session_.startAllReduceSum(bucket.flat);
    bucket.started = true;
    ++nextToStart_;
  }
}

double GradientReducer::finish() {
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    armed_ = false;
    // Parameters that got no gradient this step (unused branches) contribute zeros.
    for (auto& bucket : buckets_) {
      if (bucket.started) continue;
      for (size_t i = 0; i < bucket.parameters.size(); ++i) {
        if (bucket.filled[i]) continue;
        const int p = bucket.parameters[i];
        bucket.flat.narrow(0, slots_[static_cast<size_t>(p)].offset, parameters_[static_cast<size_t>(p)].numel()).zero_();
        bucket.filled[i] = true;
      }
      bucket.pending = 0;
    }
    startReadyBuckets();
  }
  const double scale = 1.0 / session_.worldSize();
  torch::NoGradGuard noGrad;
  for (size_t b = 0; b < buckets_.size(); ++b) {
    auto& bucket = buckets_[b];
    session_.waitFor(bucket.work, "all-reducing gradient bucket " + std::to_string(b));
    bucket.flat.mul_(scale);
    for (int p : bucket.parameters) {
      auto& param = parameters_[static_cast<size_t>(p)];
      const auto average = bucket.flat.narrow(0, slots_[static_cast<size_t>(p)].offset, param.numel()).view_as(param);
      if (param.grad().defined())
        param.mutable_grad().copy_(average);
      else
        param.mutable_grad() = average.clone();
    }
  }
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace binge
