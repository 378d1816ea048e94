#include "RunMetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace binge::ui {
namespace {

double number(const nlohmann::json& object, const char* key, double fallback = 0.0) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

std::int64_t integer(const nlohmann::json& object, const char* key, std::int64_t fallback = 0) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<std::int64_t>() : fallback;
}

// probe events carry {"video": {"knn": a, "linear": b}, …}; a modality may be missing.
double accuracy(const nlohmann::json& event, const char* modality, const char* kind) {
  const auto it = event.find(modality);
  if (it == event.end() || !it->is_object()) return std::numeric_limits<double>::quiet_NaN();
  return number(*it, kind, std::numeric_limits<double>::quiet_NaN());
}

template <class Point>
void dropAfter(std::vector<Point>& points, std::int64_t step) {
  points.erase(std::remove_if(points.begin(), points.end(), [step](const Point& p) { return p.step > step; }),
               points.end());
}

}  // namespace

void RunMetrics::add(const nlohmann::json& event) {
  if (!event.is_object()) return;
  ++events;
  const std::string type = event.value("type", std::string());
  const std::int64_t eventStep = integer(event, "step", step);
  if (type == "step") {
    StepPoint p;
    p.step = eventStep;
    p.loss = number(event, "loss");
    p.lr = number(event, "lr");
    p.clipsPerSecond = number(event, "clips_per_s");
    p.dataWaitMs = number(event, "data_wait_ms");
    p.computeMs = number(event, "compute_ms");
    p.elapsedSeconds = number(event, "elapsed_s");
    steps.push_back(p);
    totalSteps = integer(event, "steps", totalSteps);
    etaSeconds = number(event, "eta_s", -1);
    clipsPerSecond = p.clipsPerSecond;
  } else if (type == "probe") {
    ProbePoint p;
    p.step = eventStep;
    p.videoKnn = accuracy(event, "video", "knn");
    p.videoLinear = accuracy(event, "video", "linear");
    p.audioKnn = accuracy(event, "audio", "knn");
    p.audioLinear = accuracy(event, "audio", "linear");
    p.bothKnn = accuracy(event, "both", "knn");
    p.bothLinear = accuracy(event, "both", "linear");
    p.chance = number(event, "chance", std::numeric_limits<double>::quiet_NaN());
    probes.push_back(p);
  } else if (type == "batch") {
    const auto it = event.find("hardness");
    if (it != event.end() && it->is_object()) {
      HardnessPoint p;
      p.step = eventStep;
      p.positive = number(*it, "positive");
      p.sameTitleNegative = number(*it, "same_title_negative");
      p.crossTitleNegative = number(*it, "cross_title_negative");
      p.easyNegativeShare = number(*it, "easy_negative_share");
      p.sameTitlePairs = static_cast<long>(integer(*it, "same_title_pairs"));
      hardness.push_back(p);
    }
  } else if (type == "checkpoint") {
    ++checkpoints;
    lastCheckpointStep = eventStep;
  } else if (type == "status") {
    state = event.value("state", state);
    totalSteps = integer(event, "steps", totalSteps);
    if (event.contains("world_size")) {
      worldSize = static_cast<int>(integer(event, "world_size", worldSize));
      backend = event.value("backend", backend);
      globalBatch = integer(event, "global_batch", globalBatch);
    }
    if (state == "resumed") {
      ++rewinds;
      dropAfter(steps, eventStep);
      dropAfter(probes, eventStep);
      dropAfter(hardness, eventStep);
    }
  } else if (type == "error") {
    errors.push_back("step " + std::to_string(eventStep) + ": " + event.value("kind", std::string("error")) + ": " +
                     event.value("message", std::string()));
  }
  step = eventStep;
}

std::vector<double> smoothed(const std::vector<double>& values, double weight) {
  weight = std::clamp(weight, 0.0, 0.999);
  std::vector<double> out(values.size());
  double last = 0, debias = 1;
  for (std::size_t i = 0; i < values.size(); ++i) {
    last = last * weight + (1 - weight) * values[i];
    debias *= weight;
    out[i] = weight == 0 ? values[i] : last / (1 - debias);
  }
  return out;
}

}  // namespace binge::ui
