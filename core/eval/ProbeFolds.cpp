#include "eval/ProbeFolds.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

namespace binge {

std::string ProbeFolds::describe() const {
  if (official) return std::to_string(folds) + " official folds";
  return std::to_string(folds) + (bySource ? " folds by source title" : " stratified folds");
}

ProbeFolds makeProbeFolds(const std::vector<int>& labels, const std::vector<std::string>& groups, int folds,
                          std::uint64_t seed, const std::vector<int>& given) {
  if (labels.size() < 2) throw std::invalid_argument("probe folds: need at least two items");
  ProbeFolds result;
  if (given.size() == labels.size() && std::all_of(given.begin(), given.end(), [](int f) { return f >= 0; })) {
    const int count = *std::max_element(given.begin(), given.end()) + 1;
    if (count >= 2) {
      result.foldOf = given;
      result.folds = count;
      result.official = true;
      return result;
    }
  }
  std::mt19937_64 rng(seed);
  result.foldOf.assign(labels.size(), 0);
  const bool known = groups.size() == labels.size() &&
                     std::none_of(groups.begin(), groups.end(), [](const std::string& g) { return g.empty(); });
  std::map<std::string, std::vector<size_t>> byGroup;
  if (known)
    for (size_t i = 0; i < groups.size(); ++i) byGroup[groups[i]].push_back(i);
  if (known && byGroup.size() >= 2) {
    result.bySource = true;
    result.folds = std::min<int>(folds, static_cast<int>(byGroup.size()));
    std::vector<const std::vector<size_t>*> order;
    for (const auto& [name, rows] : byGroup) order.push_back(&rows);
    std::shuffle(order.begin(), order.end(), rng);
    // Largest sources first into the currently smallest fold: balanced fold sizes.
    std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
    std::vector<size_t> size(static_cast<size_t>(result.folds), 0);
    for (const auto* rows : order) {
      const int f = static_cast<int>(std::min_element(size.begin(), size.end()) - size.begin());
      for (size_t i : *rows) result.foldOf[i] = f;
      size[static_cast<size_t>(f)] += rows->size();
    }
    return result;
  }
  std::map<int, std::vector<size_t>> byClass;
  for (size_t i = 0; i < labels.size(); ++i) byClass[labels[i]].push_back(i);
  size_t smallest = labels.size();
  for (const auto& [c, rows] : byClass) smallest = std::min(smallest, rows.size());
  result.folds = std::max(2, std::min<int>(folds, static_cast<int>(smallest)));
  int offset = 0;
  for (auto& [c, rows] : byClass) {
    std::shuffle(rows.begin(), rows.end(), rng);
    // Continue the round-robin across classes so small classes do not all start in fold 0.
    for (size_t j = 0; j < rows.size(); ++j) result.foldOf[rows[j]] = static_cast<int>((offset + j) % static_cast<size_t>(result.folds));
    offset += static_cast<int>(rows.size());
  }
  return result;
}

std::vector<bool> validationMask(const ProbeFolds& folds, const std::vector<int>& labels, int testFold,
                                 std::uint64_t seed) {
  std::vector<bool> mask(labels.size(), false);
  if (folds.folds >= 3) {
    const int v = (testFold + 1) % folds.folds;
    for (size_t i = 0; i < labels.size(); ++i) mask[i] = folds.foldOf[i] == v;
    return mask;
  }
  std::mt19937_64 rng(seed ^ 0x5bd1e995u ^ static_cast<std::uint64_t>(testFold));
  std::map<int, std::vector<size_t>> byClass;
  for (size_t i = 0; i < labels.size(); ++i)
    if (folds.foldOf[i] != testFold) byClass[labels[i]].push_back(i);
  for (auto& [c, rows] : byClass) {
    std::shuffle(rows.begin(), rows.end(), rng);
    for (size_t j = 0; j < rows.size() / 4; ++j) mask[rows[j]] = true;
  }
  return mask;
}

}  // namespace binge
