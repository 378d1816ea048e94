#include "eval/NeighbourShares.h"

#include <algorithm>
#include <limits>
#include <map>

namespace binge {

NeighbourShares neighbourShares(const torch::Tensor& features, const std::vector<int>& labels,
                                const std::vector<std::string>& groups, int k) {
  NeighbourShares out;
  const auto n = static_cast<std::int64_t>(labels.size());
  if (n < 2) return out;
  out.k = static_cast<int>(std::min<std::int64_t>(k, n - 1));
  namespace F = torch::nn::functional;
  const auto x = F::normalize(features.to(torch::kCPU, torch::kFloat), F::NormalizeFuncOptions().dim(1));
  auto sim = torch::matmul(x, x.t());
  sim.fill_diagonal_(-std::numeric_limits<float>::infinity());  // an item is not its own neighbour
  const auto top = std::get<1>(sim.topk(out.k, 1)).contiguous();
  const auto* idx = top.data_ptr<std::int64_t>();

  const bool showsKnown =
      static_cast<std::int64_t>(groups.size()) == n &&
      std::none_of(groups.begin(), groups.end(), [](const std::string& g) { return g.empty(); });
  std::map<int, int> perClass;
  std::map<std::string, int> perShow;
  for (std::int64_t i = 0; i < n; ++i) {
    ++perClass[labels[static_cast<size_t>(i)]];
    if (showsKnown) ++perShow[groups[static_cast<size_t>(i)]];
  }
  double sameClass = 0, sameShow = 0, classChance = 0, showChance = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const auto ui = static_cast<size_t>(i);
    int c = 0, s = 0;
    for (int j = 0; j < out.k; ++j) {
      const auto nb = static_cast<size_t>(idx[i * out.k + j]);
      c += labels[nb] == labels[ui];
      if (showsKnown) s += groups[nb] == groups[ui];
    }
    sameClass += static_cast<double>(c) / out.k;
    sameShow += static_cast<double>(s) / out.k;
    classChance += static_cast<double>(perClass[labels[ui]] - 1) / static_cast<double>(n - 1);
    if (showsKnown) showChance += static_cast<double>(perShow[groups[ui]] - 1) / static_cast<double>(n - 1);
  }
  out.sameClass = sameClass / static_cast<double>(n);
  out.sameClassChance = classChance / static_cast<double>(n);
  if (showsKnown) {
    out.sameShow = sameShow / static_cast<double>(n);
    out.sameShowChance = showChance / static_cast<double>(n);
  }
  return out;
}

nlohmann::json toJson(const NeighbourShares& s) {
  nlohmann::json j = {{"k", s.k}, {"same_class", s.sameClass}, {"same_class_chance", s.sameClassChance}};
  if (s.sameShow >= 0) {
    j["same_show"] = s.sameShow;
    j["same_show_chance"] = s.sameShowChance;
  } else {
    j["same_show"] = nullptr;
    j["same_show_chance"] = nullptr;
  }
  return j;
}

}  // namespace binge
