#include "data/TensorBufferPool.h"

#include <cstdlib>
#include <new>

namespace binge {
namespace {
constexpr size_t kAlignment = 64;  // a cache line; LibTorch's own CPU allocator aligns to 64 as well
}  // namespace

std::shared_ptr<TensorBufferPool> TensorBufferPool::create(size_t maxIdle) {
  return std::shared_ptr<TensorBufferPool>(new TensorBufferPool(maxIdle));
}

TensorBufferPool::~TensorBufferPool() {
  for (const Buffer& b : idle_) std::free(b.data);
}

torch::Tensor TensorBufferPool::emptyFloat(torch::IntArrayRef sizes) {
  size_t count = 1;
  for (const auto s : sizes) count *= static_cast<size_t>(s);
  const size_t bytes = (std::max<size_t>(count, 1) * sizeof(float) + kAlignment - 1) / kAlignment * kAlignment;
  void* data = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < idle_.size(); ++i)
      if (idle_[i].bytes == bytes) {
        data = idle_[i].data;
        idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    if (!data) ++allocations_;
  }
  if (!data) {
    data = std::aligned_alloc(kAlignment, bytes);
    if (!data) throw std::bad_alloc();
  }
  std::weak_ptr<TensorBufferPool> pool = weak_from_this();
  return torch::from_blob(
      data, sizes,
      [pool, bytes](void* p) {
        if (auto alive = pool.lock()) alive->giveBack(p, bytes);
        else std::free(p);
      },
      torch::TensorOptions().dtype(torch::kFloat32));
}

void TensorBufferPool::giveBack(void* data, size_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < maxIdle_) {
      idle_.push_back({data, bytes});
      return;
    }
  }
  std::free(data);
}

size_t TensorBufferPool::allocations() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return allocations_;
}

size_t TensorBufferPool::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace binge
