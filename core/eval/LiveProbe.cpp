#include "eval/LiveProbe.h"

#include "eval/RandomInitProbe.h"
#include "runtime/AtomicFile.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>

namespace binge {
namespace {

nlohmann::json summary(const ModalityProbe& p) {
  if (!p.run) return {{"skipped", true}};
  return {{"knn", p.knn.value()},
          {"linear", p.linear.value()},
          {"knn_ci", {p.knn.low, p.knn.high}},
          {"linear_ci", {p.linear.low, p.linear.high}},
          {"neighbours", toJson(p.neighbours)}};
}

nlohmann::json summary(const ProbeReport& r) {
  return {{"video", summary(r.video)}, {"audio", summary(r.audio)}, {"both", summary(r.both)}, {"skipped", r.skipped}};
}

// Puts the default CPU generator back to the state it had when the guard was made.
class GeneratorStateGuard {
 public:
  GeneratorStateGuard() : generator_(at::detail::getDefaultCPUGenerator()) {
    std::lock_guard<std::mutex> lock(generator_.mutex());
    state_ = generator_.get_state();
  }
  ~GeneratorStateGuard() {
    std::lock_guard<std::mutex> lock(generator_.mutex());
    generator_.set_state(state_);
  }

 private:
  at::Generator generator_;
  at::Tensor state_;
};

// The baseline must not disturb training: the trainer's own random stream (sampling, augmentation,
// resume equivalence) continues exactly where it was after the seeded model is built.
nlohmann::json computeBaseline(const TrainConfig& config, const ProbeInputs& inputs, torch::Device device,
                               const ProbeOptions& options) {
  GeneratorStateGuard keep;
  return summary(probeRandomInit(config, inputs, device, options));
}

// The cached baseline, when it was made for this preset, seed, model and probe set.
nlohmann::json cachedBaseline(const std::filesystem::path& file, const nlohmann::json& key) {
  std::ifstream in(file);
  if (!in) return nullptr;
  try {
    auto j = nlohmann::json::parse(in);
    if (j.value("key", nlohmann::json()) == key) return j.at("random_init");
  } catch (const std::exception&) {
  }
  return nullptr;  // unreadable or made for other settings: computed again
}

// The shared cache's file for a key: the seed for a reader, a hash of the whole key to tell presets and
// probe sets apart (FNV-1a: stable across builds, unlike std::hash).
std::string sharedBaselineName(const nlohmann::json& key) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : key.dump()) hash = (hash ^ c) * 1099511628211ull;
  char name[64];
  std::snprintf(name, sizeof name, "random-init-seed-%llu-%016llx.json",
                static_cast<unsigned long long>(key.value("seed", std::uint64_t{0})), static_cast<unsigned long long>(hash));
  return name;
}

}  // namespace

ProbeHook makeLiveProbeHook(const TrainConfig& config, torch::Device device, const std::filesystem::path& runDir,
                            const std::filesystem::path& sharedCacheDir) {
  using Clock = std::chrono::steady_clock;
  struct State {
    ProbeInputs inputs;
    nlohmann::json baseline;
    Clock::time_point lastEnd = Clock::now();
    double probeSeconds = 0;  // all probes so far
    Clock::time_point started = Clock::now();
  };
  auto state = std::make_shared<State>();
  state->inputs = loadProbeInputs(loadProbeSet(config.probeDir), config, /*maxClipsPerItem=*/1);
  ProbeOptions options;
  options.seed = config.seed;
  options.retrieval = false;  // the event stays small; `binge-cli probe` reports retrieval

  const nlohmann::json key = {{"model", toJson(config).at("model")},
                              {"clip", toJson(config).at("data").at("clip")},
                              {"crop_size", config.data.cropSize},
                              {"seed", config.seed},
                              {"probe_dir", config.probeDir},
                              {"items", state->inputs.set.items.size()},
                              {"clips_per_item", 1}};
  const auto cacheFile = runDir.empty() ? std::filesystem::path() : runDir / kProbeBaselineFile;
  const auto sharedFile = sharedCacheDir.empty() ? std::filesystem::path() : sharedCacheDir / sharedBaselineName(key);
  if (!cacheFile.empty()) state->baseline = cachedBaseline(cacheFile, key);
  const bool inRun = !state->baseline.is_null();
  if (!inRun && !sharedFile.empty()) state->baseline = cachedBaseline(sharedFile, key);
  const bool inShared = !inRun && !state->baseline.is_null();
  if (state->baseline.is_null()) state->baseline = computeBaseline(config, state->inputs, device, options);
  const std::string cached = nlohmann::json{{"key", key}, {"random_init", state->baseline}}.dump(1);
  if (!inRun && !cacheFile.empty()) writeFileAtomically(cacheFile, cached);
  if (!inRun && !inShared && !sharedFile.empty()) {
    std::filesystem::create_directories(sharedCacheDir);
    writeFileAtomically(sharedFile, cached);
  }

  return [state, options, device](AudioVisualModel& model, std::int64_t step) -> nlohmann::json {
    (void)step;
    const auto t0 = Clock::now();
    const FeatureSet features = extractFeatures(model, device, state->inputs);
    const double extract = std::chrono::duration<double>(Clock::now() - t0).count();
    const ProbeReport report = evaluateProbes(features, state->inputs, options);
    const auto t1 = Clock::now();
    const double cost = std::chrono::duration<double>(t1 - t0).count();
    const double interval = std::chrono::duration<double>(t1 - state->lastEnd).count();
    state->probeSeconds += cost;
    const double total = std::chrono::duration<double>(t1 - state->started).count();
    state->lastEnd = t1;
    nlohmann::json event = summary(report);
    event["random_init"] = state->baseline;
    event["items"] = report.items;
    event["clips_per_item"] = 1;
    event["classes"] = report.classes.size();
    event["chance"] = 1.0 / static_cast<double>(report.classes.size());
    event["split"] = report.split;
    event["probe_seconds"] = cost;
    event["extract_seconds"] = extract;
    event["share_of_interval"] = interval > 0 ? cost / interval : 0.0;
    event["share_of_run"] = total > 0 ? state->probeSeconds / total : 0.0;
    return event;
  };
}

}  // namespace binge
