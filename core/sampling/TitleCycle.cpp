#include "sampling/TitleCycle.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace binge {

TitleCycle::TitleCycle(std::vector<int> entries, std::vector<double> weights)
    : entries_(std::move(entries)), weights_(std::move(weights)) {}

void TitleCycle::reset() {
  order_.clear();
  cursor_ = 0;
  started_ = false;
  epochsCompleted_ = 0;
}

void TitleCycle::shuffle(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(std::nextafter(0.0, 1.0), 1.0);
  std::vector<std::pair<double, int>> keyed;
  keyed.reserve(entries_.size());
  // Key log(u) / w, largest first: a weighted permutation without replacement.
  for (size_t i = 0; i < entries_.size(); ++i) keyed.emplace_back(std::log(uniform(rng)) / weights_[i], entries_[i]);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  order_.clear();
  for (const auto& k : keyed) order_.push_back(k.second);
  cursor_ = 0;
}

int TitleCycle::next(std::mt19937_64& rng, const std::vector<int>& avoid) {
  auto avoided = [&](int entry) { return std::find(avoid.begin(), avoid.end(), entry) != avoid.end(); };
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!started_ || cursor_ >= order_.size()) {
      if (started_) ++epochsCompleted_;
      shuffle(rng);
      started_ = true;
    }
    // Take the first title of the remaining cycle that is not avoided; move it to the cursor so the
    // cycle still hands out every title exactly once.
    for (size_t i = cursor_; i < order_.size(); ++i) {
      if (!avoided(order_[i])) {
        std::swap(order_[i], order_[cursor_]);
        return order_[cursor_++];
      }
    }
    // Only avoided titles remain in this epoch: start the next one (they are in it again).
    cursor_ = order_.size();
  }
  return -1;  // every title is avoided
}

std::vector<double> titleWeights(const ClipIndex& index, const std::vector<int>& entries, double alpha) {
  std::vector<double> weights;
  for (int e : entries) weights.push_back(alpha == 0.0 ? 1.0 : std::pow(std::max(index.titles()[e].duration, 1e-3), alpha));
  return weights;
}

}  // namespace binge
