#pragma once
// ground_truth.json of a demo world: shows with their sets, casts and themes, and every title's scenes,
// dialogue and events with visual and audio onset times (what the tests and benchmarks check against).
#include "demo/DemoPlan.h"

#include <string>

namespace binge::demo {

constexpr const char* kDemoGenerator = "binge-demo";
constexpr int kDemoGroundTruthVersion = 1;

// The JSON text (pretty-printed, stable key order) for a plan. complete = false marks a world whose
// files are still being written (or whose generation was cancelled): it can be regenerated in place.
std::string groundTruthJson(const WorldPlan& world, const std::string& minutesText, int titlesRequested,
                            bool complete);

}  // namespace binge::demo
