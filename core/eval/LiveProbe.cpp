#include "eval/LiveProbe.h"

#include <chrono>

namespace binge {

ProbeHook makeLiveProbeHook(const TrainConfig& config, torch::Device device) {
  using Clock = std::chrono::steady_clock;
  struct State {
    ProbeInputs inputs;
    Clock::time_point lastEnd = Clock::now();
    double probeSeconds = 0;  // all probes so far
    Clock::time_point started = Clock::now();
  };
  auto state = std::make_shared<State>();
  state->inputs = loadProbeInputs(loadProbeSet(config.probeDir), config);
  ProbeOptions options;
  options.seed = config.seed;
  options.retrieval = false;  // the event stays small; `binge-cli probe` reports retrieval
  return [state, options, device](AudioVisualModel& model, std::int64_t step) -> nlohmann::json {
    (void)step;
    const auto t0 = Clock::now();
    const FeatureSet features = extractFeatures(model, device, state->inputs);
    const double extract = std::chrono::duration<double>(Clock::now() - t0).count();
    const ProbeReport report = evaluateProbes(features, state->inputs.set, options);
    const auto t1 = Clock::now();
    const double cost = std::chrono::duration<double>(t1 - t0).count();
    const double interval = std::chrono::duration<double>(t1 - state->lastEnd).count();
    state->probeSeconds += cost;
    const double total = std::chrono::duration<double>(t1 - state->started).count();
    state->lastEnd = t1;
    const auto acc = [](const ModalityProbe& p) {
      return nlohmann::json{{"knn", p.knn.value()}, {"linear", p.linear.value()},
                            {"knn_ci", {p.knn.low, p.knn.high}}, {"linear_ci", {p.linear.low, p.linear.high}}};
    };
    return {{"video", acc(report.video)},
            {"audio", acc(report.audio)},
            {"both", acc(report.both)},
            {"items", report.items},
            {"classes", report.classes.size()},
            {"chance", 1.0 / static_cast<double>(report.classes.size())},
            {"split", report.split},
            {"probe_seconds", cost},
            {"extract_seconds", extract},
            {"share_of_interval", interval > 0 ? cost / interval : 0.0},
            {"share_of_run", total > 0 ? state->probeSeconds / total : 0.0}};
  };
}

}  // namespace binge
