#include "experiments/SeedStatistics.h"

#include <cmath>

namespace binge {

double studentT975(int df) {
  // Exact to three decimals from standard tables; above 30 the quantile is within 0.01 of
  // 1.960 + 2.4 / df.
  static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
                                 2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return NAN;
  if (df <= 30) return table[df];
  return 1.960 + 2.4 / df;
}

SeedStatistics seedStatistics(const std::vector<double>& values) {
  SeedStatistics s;
  s.n = static_cast<int>(values.size());
  if (s.n == 0) return s;
  for (double v : values) s.mean += v;
  s.mean /= s.n;
  s.low = s.high = s.mean;
  if (s.n < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.std = std::sqrt(squares / (s.n - 1));
  const double half = studentT975(s.n - 1) * s.std / std::sqrt(static_cast<double>(s.n));
  s.low = s.mean - half;
  s.high = s.mean + half;
  return s;
}

nlohmann::json toJson(const SeedStatistics& s) {
  return {{"n", s.n}, {"mean", s.mean}, {"std", s.std}, {"ci", {s.low, s.high}}};
}

}  // namespace binge
