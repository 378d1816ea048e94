#include "eval/ProbeEvaluator.h"

#include "eval/KnnClassifier.h"
#include "eval/ProbeFolds.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

namespace binge {
namespace {

torch::Tensor rows(const torch::Tensor& x, const std::vector<std::int64_t>& index) {
  return x.index_select(0, torch::tensor(index, torch::kLong));
}

torch::Tensor labelTensor(const std::vector<int>& labels) {
  return torch::tensor(std::vector<std::int64_t>(labels.begin(), labels.end()), torch::kLong);
}

nlohmann::json toJson(const ModalityProbe& p) {
  if (!p.run) return {{"skipped", true}};
  auto linear = binge::toJson(p.linear);
  linear["weight_decays"] = p.chosenWeightDecays;
  return {{"knn", binge::toJson(p.knn)}, {"linear", linear}, {"neighbours", binge::toJson(p.neighbours)}};
}

}  // namespace

ModalityProbe probeFeatures(const torch::Tensor& features, const std::vector<int>& labels,
                            const std::vector<std::string>& groups, int classes, const ProbeOptions& options) {
  const auto folds = makeProbeFolds(labels, groups, options.folds, options.seed, options.officialFolds);
  const auto y = labelTensor(labels);
  const auto x = features.to(torch::kCPU, torch::kFloat);
  int knnCorrect = 0, linearCorrect = 0;
  ModalityProbe result;
  for (int f = 0; f < folds.folds; ++f) {
    std::vector<std::int64_t> train, test;
    for (size_t i = 0; i < labels.size(); ++i) (folds.foldOf[i] == f ? test : train).push_back(static_cast<std::int64_t>(i));
    if (test.empty() || train.empty()) continue;
    const auto xTrain = rows(x, train), yTrain = rows(y, train), xTest = rows(x, test), yTest = rows(y, test);
    knnCorrect += knnPredict(xTrain, yTrain, xTest, classes, options.k).eq(yTest).sum().item<int>();
    if (options.linear) {
      const auto mask = validationMask(folds, labels, f, options.seed);
      std::vector<bool> trainMask;
      for (auto i : train) trainMask.push_back(mask[static_cast<size_t>(i)]);
      const auto fit = linearProbe(xTrain, yTrain, trainMask, xTest, classes, options.linearOptions);
      linearCorrect += fit.predictions.eq(yTest).sum().item<int>();
      result.chosenWeightDecays.push_back(fit.weightDecay);
    }
  }
  const int n = static_cast<int>(labels.size());
  result.knn = makeAccuracy(knnCorrect, n);
  result.linear = makeAccuracy(linearCorrect, options.linear ? n : 0);
  result.neighbours = neighbourShares(x, labels, groups, options.k);
  return result;
}

std::vector<double> recallAtK(const torch::Tensor& queries, const torch::Tensor& database, const std::vector<int>& labels,
                              const std::vector<int>& ks) {
  namespace F = torch::nn::functional;
  const auto q = F::normalize(queries.to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
  const auto d = F::normalize(database.to(torch::kFloat), F::NormalizeFuncOptions().dim(1));
  auto sim = torch::matmul(q, d.t());
  sim.fill_diagonal_(-std::numeric_limits<float>::infinity());  // the query's own item never counts
  const auto n = sim.size(0);
  const int maxK = static_cast<int>(std::min<std::int64_t>(*std::max_element(ks.begin(), ks.end()), n - 1));
  const auto top = std::get<1>(sim.topk(maxK, 1));
  const auto y = labelTensor(labels);
  const auto same = y.index_select(0, top.reshape(-1)).reshape(top.sizes()).eq(y.unsqueeze(1));  // [N, maxK]
  std::vector<double> recall;
  for (int k : ks) {
    const int kk = std::min(k, maxK);
    recall.push_back(same.slice(1, 0, kk).any(1).to(torch::kFloat).mean().item<double>());
  }
  return recall;
}

ProbeReport evaluateProbes(const FeatureSet& features, const ProbeSet& set, const ProbeOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  namespace F = torch::nn::functional;
  std::vector<int> labels;
  std::vector<std::string> groups;
  for (const auto& item : set.items) {
    labels.push_back(item.label);
    groups.push_back(item.group);
  }
  const int classes = static_cast<int>(set.classes.size());
  ProbeOptions o = options;
  if (o.officialFolds.empty() && set.foldsGiven())
    for (const auto& item : set.items) o.officialFolds.push_back(item.fold);
  ProbeReport report;
  report.classes = set.classes;
  report.items = static_cast<int>(labels.size());
  report.split = makeProbeFolds(labels, groups, o.folds, o.seed, o.officialFolds).describe();
  report.video.run = o.video;
  report.audio.run = o.audio;
  report.both.run = o.video && o.audio;
  if (o.video) report.video = probeFeatures(features.video, labels, groups, classes, o);
  if (o.audio) report.audio = probeFeatures(features.audio, labels, groups, classes, o);
  if (o.video && o.audio) {
    // Each modality unit-normalised before concatenation so neither dominates kNN by scale.
    const auto both = torch::cat({F::normalize(features.video, F::NormalizeFuncOptions().dim(1)),
                                  F::normalize(features.audio, F::NormalizeFuncOptions().dim(1))}, 1);
    report.both = probeFeatures(both, labels, groups, classes, o);
  }
  if (options.retrieval && o.video && o.audio) {
    const auto& v = features.videoEmbedding;
    const auto& a = features.audioEmbedding;
    report.recall = {{"v2v", recallAtK(v, v, labels)},
                     {"a2a", recallAtK(a, a, labels)},
                     {"v2a", recallAtK(v, a, labels)},
                     {"a2v", recallAtK(a, v, labels)}};
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

ProbeReport evaluateProbes(const FeatureSet& features, const ProbeInputs& inputs, ProbeOptions options) {
  options.video = options.video && inputs.hasVideo;
  options.audio = options.audio && inputs.hasAudio;
  if (!options.video && !options.audio)
    throw std::invalid_argument("probe set " + inputs.set.root.string() + ": nothing to probe (" +
                                (inputs.skipped.empty() ? std::string("both modalities off") : inputs.skipped.front()) + ")");
  ProbeReport report = evaluateProbes(features, inputs.set, options);
  report.skipped = inputs.skipped;
  return report;
}

nlohmann::json toJson(const ProbeReport& r) {
  nlohmann::json recall = nlohmann::json::object();
  for (const auto& [direction, values] : r.recall)
    recall[direction] = {{"recall@1", values.at(0)}, {"recall@5", values.at(1)}, {"recall@10", values.at(2)}};
  return {{"classes", r.classes},
          {"items", r.items},
          {"chance", r.classes.empty() ? 0.0 : 1.0 / static_cast<double>(r.classes.size())},
          {"split", r.split},
          {"video", toJson(r.video)},
          {"audio", toJson(r.audio)},
          {"both", toJson(r.both)},
          {"retrieval", recall},
          {"skipped", r.skipped},
          {"probe_seconds", r.seconds}};
}

}  // namespace binge
