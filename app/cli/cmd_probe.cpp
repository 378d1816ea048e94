// binge-cli probe: kNN and linear probe accuracy (video, audio, both) and retrieval recall@k of one
// checkpoint of a run — or of the same preset at random initialisation, the baseline — on a labelled
// probe set (docs/architecture.md, Evaluation). The probe set defaults to the one the run was trained with (--probe).
#include "cli/Commands.h"

#include "eval/EvalModel.h"
#include "eval/FeatureExtractor.h"
#include "eval/ProbeEvaluator.h"
#include "train/ErrorMessage.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace binge::cli {
namespace {

struct ProbeArgs {
  std::string run;
  std::string probe;
  std::string checkpoint = "latest";
  std::string device;
  bool randomInit = false;
  bool json = false;
  int folds = 4;
  std::uint64_t seed = 0;
};

int runProbe(const ProbeArgs& a) {
  const auto t0 = std::chrono::steady_clock::now();
  requireExistingPath(a.run, "run directory");
  if (!a.randomInit && a.checkpoint != "latest") requireExistingPath(a.checkpoint, "checkpoint");
  EvalModel m = loadEvalModel(a.run, a.checkpoint, a.randomInit, a.device);
  const std::string probeDir = a.probe.empty() ? m.config.probeDir : a.probe;
  if (probeDir.empty()) throw UsageError("no probe set: pass --probe DIR (the run was trained without one)");
  requireExistingPath(probeDir, "probe folder");
  const ProbeSet set = loadProbeSet(probeDir);
  std::fprintf(stderr, "probing %s (%s) on %zu clips of %zu classes, %s\n", a.run.c_str(), m.checkpoint.c_str(),
               set.items.size(), set.classes.size(), m.device.str().c_str());
  const ProbeInputs inputs = loadProbeInputs(set, m.config);
  const auto t1 = std::chrono::steady_clock::now();
  const FeatureSet features = extractFeatures(m.model, m.device, inputs);
  const double extractSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  ProbeOptions options;
  options.folds = a.folds;
  options.seed = a.seed;
  const ProbeReport report = evaluateProbes(features, inputs, options);
  auto doc = toJson(report);
  doc["run"] = a.run;
  doc["checkpoint"] = m.checkpoint;
  doc["step"] = m.step;
  doc["random_init"] = a.randomInit;
  doc["probe_dir"] = set.root.string();
  doc["layout"] = set.layout;
  doc["clips"] = inputs.video.size(0);
  doc["load_seconds"] = inputs.loadSeconds;
  doc["extract_seconds"] = extractSeconds;
  doc["total_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (a.json) {
    printJson(doc);
    return 0;
  }
  std::printf("%-6s  %-22s  %-22s\n", "", "kNN top-1 (95% CI)", "linear (95% CI)");
  const std::pair<const char*, const ModalityProbe*> rows[] = {
      {"video", &report.video}, {"audio", &report.audio}, {"both", &report.both}};
  for (const auto& [name, p] : rows)
    if (!p->run) std::printf("%-6s  skipped\n", name);
    else std::printf("%-6s  %5.1f%% [%4.1f, %4.1f]    %5.1f%% [%4.1f, %4.1f]\n", name, 100 * p->knn.value(), 100 * p->knn.low,
                100 * p->knn.high, 100 * p->linear.value(), 100 * p->linear.low, 100 * p->linear.high);
  std::printf("10 nearest neighbours share  class (chance)         show or source (chance)\n");
  for (const auto& [name, p] : rows) {
    const NeighbourShares& n = p->neighbours;
    if (!p->run) continue;
    if (n.sameShow >= 0)
      std::printf("%-6s                       %5.1f%% (%4.1f%%)        %5.1f%% (%4.1f%%)\n", name, 100 * n.sameClass,
                  100 * n.sameClassChance, 100 * n.sameShow, 100 * n.sameShowChance);
    else
      std::printf("%-6s                       %5.1f%% (%4.1f%%)        shows unknown\n", name, 100 * n.sameClass,
                  100 * n.sameClassChance);
  }
  for (const std::string& why : report.skipped) std::printf("skipped %s\n", why.c_str());
  std::printf("chance %.1f%%; %s (%s layout)", 100.0 / static_cast<double>(set.classes.size()), report.split.c_str(),
              set.layout.c_str());
  if (report.recall.size() == 4)
    std::printf("; retrieval recall@1 v2v %.2f a2a %.2f v2a %.2f a2v %.2f", report.recall[0].second[0],
                report.recall[1].second[0], report.recall[2].second[0], report.recall[3].second[0]);
  std::printf("\n");
  return 0;
}

}  // namespace

void addProbeCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  (void)global;
  auto args = std::make_shared<ProbeArgs>();
  CLI::App* cmd = parent.add_subcommand("probe", "kNN and linear probe accuracy of a run's checkpoint on a probe set");
  cmd->add_option("--run", args->run, "Run directory")->required();
  cmd->add_option("--probe", args->probe, "Probe set folder (one sub-folder per class); default: the run's");
  cmd->add_option("--checkpoint", args->checkpoint, "latest, or a checkpoint file")->capture_default_str();
  cmd->add_flag("--random-init", args->randomInit, "Probe the run's model at random initialisation (baseline)");
  cmd->add_option("--device", args->device, "auto | cpu | cuda (default: the run's)");
  cmd->add_option("--folds", args->folds, "Cross-validation folds")->capture_default_str()->check(CLI::Range(2, 100));
  cmd->add_option("--seed", args->seed, "Seed of stratified folds")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runProbe(*args); }; });
}

}  // namespace binge::cli
