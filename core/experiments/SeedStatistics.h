#pragma once
// Mean, standard deviation and the 95 % Student-t interval of a metric over seeds: a sweep
// has 2–5 seeds per cell, where a normal interval would be far too narrow. Torch-free.
#include <nlohmann/json.hpp>

#include <vector>

namespace binge {

struct SeedStatistics {
  int n = 0;
  double mean = 0;
  double std = 0;  // sample standard deviation (n − 1); 0 for one value
  double low = 0;  // 95 % t-interval of the mean; equal to the mean for one value
  double high = 0;
};

// Two-sided 95 % quantile of Student's t with `df` degrees of freedom (df ≥ 1).
double studentT975(int df);
SeedStatistics seedStatistics(const std::vector<double>& values);
nlohmann::json toJson(const SeedStatistics& s);  // {n, mean, std, ci: [low, high]}

}  // namespace binge
