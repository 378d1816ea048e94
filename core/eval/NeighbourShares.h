#pragma once
// What an item's nearest neighbours share: among each probe item's k nearest other
// items (cosine), the share from the same event class and the share from the same show, each beside
// the share a random choice of neighbours would give. Random features and identity-bound models find
// the same show; a model that learned events finds the same event — the paper's shortcut, measured.
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace binge {

struct NeighbourShares {
  int k = 0;                    // 0 when not measured (fewer than two items)
  double sameClass = 0;         // mean over items of (neighbours of the item's class) / k
  double sameClassChance = 0;   // mean over items of (other items of its class) / (items - 1)
  double sameShow = -1;         // -1 where the items' shows are unknown
  double sameShowChance = -1;
};

// features [N, D]; groups may be empty strings (unknown show). k is capped at N - 1.
NeighbourShares neighbourShares(const torch::Tensor& features, const std::vector<int>& labels,
                                const std::vector<std::string>& groups, int k = 10);

nlohmann::json toJson(const NeighbourShares& shares);

}  // namespace binge
