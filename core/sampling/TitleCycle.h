#pragma once
// The order in which titles come up: a fresh permutation per epoch (optionally weighted by
// duration^alpha, Efraimidis–Spirakis keys), so no title repeats before every title has had its turn.
#include "sampling/ClipIndex.h"

#include <cstdint>
#include <random>
#include <vector>

namespace binge {

class TitleCycle {
 public:
  TitleCycle(std::vector<int> entries, std::vector<double> weights);

  // The next title of the cycle that is not in `avoid`; starts a new epoch when the cycle is spent.
  int next(std::mt19937_64& rng, const std::vector<int>& avoid = {});
  std::int64_t epochsCompleted() const { return epochsCompleted_; }
  void reset();

 private:
  void shuffle(std::mt19937_64& rng);
  std::vector<int> entries_;
  std::vector<double> weights_;
  std::vector<int> order_;
  size_t cursor_ = 0;
  bool started_ = false;
  std::int64_t epochsCompleted_ = 0;
};

// Weights duration^alpha for every title of the index (alpha 0 = uniform).
std::vector<double> titleWeights(const ClipIndex& index, const std::vector<int>& entries, double alpha);

}  // namespace binge
