#pragma once
// All probes of docs/architecture.md, Evaluation on one probe set's frozen features: kNN top-1 (cosine, k = 10) and the
// linear probe, for video, audio and both (concatenated), each with a 95% interval, by k-fold
// cross-validation (folds by source title where known); plus retrieval recall@k by class on the head
// embeddings in the four directions, and what each item's 10 nearest neighbours share (its event class,
// its show: eval/NeighbourShares.h). Used by `binge-cli probe`, live probes during training and the GUI.
#include "eval/Accuracy.h"
#include "eval/FeatureExtractor.h"
#include "eval/LinearProbe.h"
#include "eval/NeighbourShares.h"
#include "eval/ProbeSet.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

namespace binge {

struct ProbeOptions {
  int k = 10;
  int folds = 4;
  std::uint64_t seed = 0;
  bool linear = true;
  bool retrieval = true;
  LinearProbeOptions linearOptions;
  bool video = true, audio = true;  // which modalities to probe ("both" needs the two)
  std::vector<int> officialFolds;   // per item; empty = the set's own folds where it gives them
};

struct ModalityProbe {
  bool run = true;                         // false: skipped (the files lack the modality)
  Accuracy knn;
  Accuracy linear;
  std::vector<double> chosenWeightDecays;  // per fold
  NeighbourShares neighbours;              // over the whole set, k = ProbeOptions::k
};

struct ProbeReport {
  std::vector<std::string> classes;
  int items = 0;
  std::string split;
  ModalityProbe video, audio, both;
  std::vector<std::string> skipped;  // "audio: 40 of 40 items have no audio stream, e.g. …"
  // direction (v2v, a2a, v2a, a2v) → recall at 1, 5, 10
  std::vector<std::pair<std::string, std::vector<double>>> recall;
  double seconds = 0;
};

// labels/groups from the probe set's items.
ProbeReport evaluateProbes(const FeatureSet& features, const ProbeSet& set, const ProbeOptions& options = {});
// Same, probing only the modalities every item of `inputs` has, and saying which were skipped and why.
ProbeReport evaluateProbes(const FeatureSet& features, const ProbeInputs& inputs, ProbeOptions options = {});
// Same on bare tensors (tests use synthetic clusters): features [N, D] → kNN and linear accuracy.
ModalityProbe probeFeatures(const torch::Tensor& features, const std::vector<int>& labels,
                            const std::vector<std::string>& groups, int classes, const ProbeOptions& options = {});
// Share of queries with an item of the same class among their top k (the query itself excluded).
std::vector<double> recallAtK(const torch::Tensor& queries, const torch::Tensor& database, const std::vector<int>& labels,
                              const std::vector<int>& ks = {1, 5, 10});

nlohmann::json toJson(const ProbeReport& report);

}  // namespace binge
