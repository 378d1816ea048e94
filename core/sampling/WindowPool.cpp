#include "sampling/WindowPool.h"

#include <algorithm>
#include <numeric>

namespace binge {

void WindowPool::refill(int entry, std::mt19937_64& rng) {
  auto& pool = pools_[entry];
  pool.resize(static_cast<size_t>(index_.titles()[entry].windowCount));
  std::iota(pool.begin(), pool.end(), 0);
  std::shuffle(pool.begin(), pool.end(), rng);
}

int WindowPool::take(int entry, std::mt19937_64& rng, const std::function<bool(int)>& acceptable) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto it = pools_.find(entry);
    if (it == pools_.end() || it->second.empty() || attempt == 1) {
      if (attempt == 1 && it != pools_.end() && it->second.size() == static_cast<size_t>(index_.titles()[entry].windowCount))
        return -1;  // a full pool had nothing acceptable: refilling cannot help
      refill(entry, rng);
      it = pools_.find(entry);
    }
    auto& pool = it->second;
    for (size_t i = pool.size(); i-- > 0;) {
      if (acceptable(pool[i])) {
        const int w = pool[i];
        pool.erase(pool.begin() + static_cast<long>(i));
        return w;
      }
    }
  }
  return -1;
}

}  // namespace binge
