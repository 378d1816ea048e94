#pragma once
// Classification accuracy with its 95% Wilson score interval: probe sets are small (tens of items), so a
// point estimate alone would overstate what a difference between two runs means. Torch-free.
#include <nlohmann/json.hpp>

namespace binge {

struct Accuracy {
  int correct = 0;
  int total = 0;
  double value() const { return total > 0 ? static_cast<double>(correct) / total : 0.0; }
  double low = 0.0;   // 95% Wilson interval
  double high = 0.0;
};

Accuracy makeAccuracy(int correct, int total, double z = 1.959963984540054);
nlohmann::json toJson(const Accuracy& accuracy);  // {accuracy, low, high, correct, total}

}  // namespace binge
