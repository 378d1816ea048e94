#pragma once
// Per title, the windows not yet drawn in the title's current round, in random order. A round ends
// when every window of the title has been drawn once; then the title's pool is refilled. This is what
// makes windows come without replacement within an epoch.
#include "sampling/ClipIndex.h"

#include <functional>
#include <random>
#include <unordered_map>
#include <vector>

namespace binge {

class WindowPool {
 public:
  explicit WindowPool(const ClipIndex& index) : index_(index) {}

  // Takes the first window of the title's pool that `acceptable` allows; refills the pool once if it
  // runs dry. Returns -1 when no window is acceptable.
  int take(int entry, std::mt19937_64& rng, const std::function<bool(int)>& acceptable);
  void reset() { pools_.clear(); }

 private:
  void refill(int entry, std::mt19937_64& rng);
  const ClipIndex& index_;
  std::unordered_map<int, std::vector<int>> pools_;  // remaining windows, back = next
};

}  // namespace binge
