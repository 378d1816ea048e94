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

// A number at a path of nested objects ({"audio", "neighbours", "same_show"}); NaN where any part is missing.
double at(const nlohmann::json& event, std::initializer_list<const char*> path) {
  const nlohmann::json* node = &event;
  for (const char* key : path) {
    if (!node->is_object()) return std::numeric_limits<double>::quiet_NaN();
    const auto it = node->find(key);
    if (it == node->end()) return std::numeric_limits<double>::quiet_NaN();
    node = &*it;
  }
  return node->is_number() ? node->get<double>() : std::numeric_limits<double>::quiet_NaN();
}

// An interval [low, high] stored as a two-element array under modality.<kind>_ci.
void interval(const nlohmann::json& event, const char* modality, const char* key, double& low, double& high) {
  low = high = std::numeric_limits<double>::quiet_NaN();
  const auto m = event.find(modality);
  if (m == event.end() || !m->is_object()) return;
  const auto it = m->find(key);
  if (it == m->end() || !it->is_array() || it->size() != 2 || !(*it)[0].is_number() || !(*it)[1].is_number()) return;
  low = (*it)[0].get<double>();
  high = (*it)[1].get<double>();
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
    interval(event, "video", "knn_ci", p.videoKnnLow, p.videoKnnHigh);
    interval(event, "video", "linear_ci", p.videoLinearLow, p.videoLinearHigh);
    interval(event, "audio", "knn_ci", p.audioKnnLow, p.audioKnnHigh);
    interval(event, "audio", "linear_ci", p.audioLinearLow, p.audioLinearHigh);
    p.baseVideoKnn = at(event, {"random_init", "video", "knn"});
    p.baseVideoLinear = at(event, {"random_init", "video", "linear"});
    p.baseAudioKnn = at(event, {"random_init", "audio", "knn"});
    p.baseAudioLinear = at(event, {"random_init", "audio", "linear"});
    p.videoSameClass = at(event, {"video", "neighbours", "same_class"});
    p.videoSameShow = at(event, {"video", "neighbours", "same_show"});
    p.audioSameClass = at(event, {"audio", "neighbours", "same_class"});
    p.audioSameShow = at(event, {"audio", "neighbours", "same_show"});
    p.sameClassChance = at(event, {"video", "neighbours", "same_class_chance"});
    p.sameShowChance = at(event, {"video", "neighbours", "same_show_chance"});
    p.baseVideoSameShow = at(event, {"random_init", "video", "neighbours", "same_show"});
    p.baseAudioSameShow = at(event, {"random_init", "audio", "neighbours", "same_show"});
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
