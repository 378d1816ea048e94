#pragma once
// Cross-validation folds for probes. Probe sets are small, so every item is tested once (k-fold) rather
// than holding out one fixed test split. Where the source of each item is known, folds are whole
// sources (no show on both sides: a probe must not recognise the show instead of the class); otherwise
// folds are stratified by class and seeded. Torch-free.
#include <cstdint>
#include <string>
#include <vector>

namespace binge {

struct ProbeFolds {
  std::vector<int> foldOf;  // item → fold
  int folds = 0;
  bool bySource = false;
  bool official = false;         // the probe set's own folds (ESC-50, UCF101)
  std::string describe() const;  // "4 folds by source title" / "4 stratified folds" / "5 official folds"
};

// groups: one per item (all non-empty to split by source). folds is capped by the number of sources,
// and by the size of the smallest class for stratified folds (at least 2). `given`: the set's official
// fold of every item (0-based); when every item has one and there are at least two, they are used as is.
ProbeFolds makeProbeFolds(const std::vector<int>& labels, const std::vector<std::string>& groups, int folds,
                          std::uint64_t seed, const std::vector<int>& given = {});

// Validation rows for the linear probe's weight-decay choice among the training items of test fold
// `testFold`: the next fold round the cycle when there are three or more folds, else a stratified,
// seeded quarter of the training items. Returns a mask over all items (true = validation).
std::vector<bool> validationMask(const ProbeFolds& folds, const std::vector<int>& labels, int testFold,
                                 std::uint64_t seed);

}  // namespace binge
