#pragma once
// The demo world's random numbers. Our own generator and distributions (SplitMix64), not <random>'s
// distributions, whose output differs between standard libraries: a seed must give the same world
// everywhere.
#include <cstdint>
#include <string>
#include <vector>

namespace binge::demo {

class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi].
  int integer(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  // A child generator with its own stream (for one title, one event...), independent of draw order.
  DemoRandom fork(std::uint64_t salt) const { return DemoRandom(mix(state_ ^ (salt * 0xD1B54A32D192ED03ull))); }

  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[next() % i]);
  }

  static std::uint64_t mix(std::uint64_t x) { return DemoRandom(x).next(); }

 private:
  std::uint64_t state_;
};

}  // namespace binge::demo
