#include "eval/Accuracy.h"

#include <algorithm>
#include <cmath>

namespace binge {

Accuracy makeAccuracy(int correct, int total, double z) {
  Accuracy a;
  a.correct = correct;
  a.total = total;
  if (total <= 0) return a;
  const double n = total, p = a.value(), z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  a.low = std::max(0.0, centre - half);
  a.high = std::min(1.0, centre + half);
  return a;
}

nlohmann::json toJson(const Accuracy& a) {
  return {{"accuracy", a.value()}, {"low", a.low}, {"high", a.high}, {"correct", a.correct}, {"total", a.total}};
}

}  // namespace binge
