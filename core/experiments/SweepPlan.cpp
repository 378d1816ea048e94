#include "experiments/SweepPlan.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace binge {
namespace {

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : text) {
    if (c == ',') {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

// Directory names must survive any value (a config path, "1e-3"): keep [A-Za-z0-9._-], map the rest.
std::string pathSafe(const std::string& text) {
  std::string out;
  for (char c : text)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  return out;
}

std::uint64_t parseSeed(const std::string& text, const std::string& whole) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw SweepError("--seeds " + whole + ": '" + text + "' is not a non-negative integer");
  return std::stoull(text);
}

}  // namespace

std::string SweepCell::label() const {
  if (values.empty()) return "all";
  std::string out;
  for (const auto& [key, value] : values) out += (out.empty() ? "" : " ") + key + "=" + value;
  return out;
}

std::vector<SweepCell> SweepPlan::cells() const {
  std::vector<SweepCell> out{SweepCell{}};
  for (const auto& axis : grid) {
    std::vector<SweepCell> next;
    for (const auto& cell : out)
      for (const auto& value : axis.values) {
        SweepCell c = cell;
        c.values.emplace_back(axis.key, value);
        next.push_back(std::move(c));
      }
    out = std::move(next);
  }
  return out;
}

std::vector<SweepRun> SweepPlan::runs() const {
  std::vector<SweepRun> out;
  const auto all = cells();
  for (const auto seed : seeds)
    for (std::size_t i = 0; i < all.size(); ++i) {
      SweepRun run{all[i], i, seed, {}};
      for (const auto& [key, value] : all[i].values) run.name += pathSafe(key) + "-" + pathSafe(value) + ".";
      run.name += "seed-" + std::to_string(seed);
      out.push_back(std::move(run));
    }
  return out;
}

GridAxis parseGridAxis(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos)
    throw SweepError("--grid " + text + ": expected KEY=V1,V2 (e.g. sampler=uniform,hierarchical)");
  GridAxis axis;
  axis.key = text.substr(0, eq);
  while (axis.key.rfind('-', 0) == 0) axis.key.erase(0, 1);  // "--lr=…" reads like the flag it names
  if (axis.key.empty()) throw SweepError("--grid " + text + ": the key is empty");
  const std::string list = text.substr(eq + 1);
  if (list.empty()) throw SweepError("--grid " + text + ": no values for " + axis.key);
  axis.values = splitList(list);
  std::set<std::string> seen;
  for (const auto& v : axis.values) {
    if (v.empty()) throw SweepError("--grid " + text + ": an empty value for " + axis.key);
    if (!seen.insert(v).second) throw SweepError("--grid " + text + ": " + axis.key + "=" + v + " is given twice");
  }
  return axis;
}

std::vector<std::uint64_t> parseSeeds(const std::string& text) {
  if (text.empty()) throw SweepError("--seeds: no seeds given (e.g. --seeds 1,2,3)");
  std::vector<std::uint64_t> seeds;
  for (const auto& part : splitList(text)) {
    const auto dash = part.find('-');
    if (dash != std::string::npos && dash > 0) {
      const auto first = parseSeed(part.substr(0, dash), text), last = parseSeed(part.substr(dash + 1), text);
      if (last < first || last - first > 10000) throw SweepError("--seeds " + text + ": bad range " + part);
      for (auto s = first; s <= last; ++s) seeds.push_back(s);
    } else {
      seeds.push_back(parseSeed(part, text));
    }
  }
  std::set<std::uint64_t> seen;
  for (auto s : seeds)
    if (!seen.insert(s).second) throw SweepError("--seeds " + text + ": seed " + std::to_string(s) + " is given twice");
  return seeds;
}

void validateGrid(const std::vector<GridAxis>& grid) {
  // The sweep owns these: each run's directory, its seed, resuming and the output format.
  static const std::set<std::string> reserved = {"run", "resume", "seed", "seeds", "json", "check", "stop-after",
                                                 "baseline-cache"};
  std::set<std::string> keys;
  for (const auto& axis : grid) {
    if (reserved.count(axis.key))
      throw SweepError("--grid " + axis.key + ": cannot be varied" +
                       (axis.key == "seed" ? " with --grid; use --seeds" : " (the sweep sets it for each run)"));
    if (!keys.insert(axis.key).second) throw SweepError("--grid " + axis.key + " is given twice");
  }
}

nlohmann::json toJson(const SweepPlan& plan) {
  nlohmann::json grid = nlohmann::json::array();
  for (const auto& axis : plan.grid) grid.push_back({{"key", axis.key}, {"values", axis.values}});
  return {{"grid", grid}, {"seeds", plan.seeds}, {"fixed_args", plan.fixedArgs}, {"final_probe", plan.finalProbe}};
}

SweepPlan sweepPlanFromJson(const nlohmann::json& j) {
  SweepPlan plan;
  try {
    for (const auto& axis : j.at("grid"))
      plan.grid.push_back({axis.at("key").get<std::string>(), axis.at("values").get<std::vector<std::string>>()});
    plan.seeds = j.at("seeds").get<std::vector<std::uint64_t>>();
    plan.fixedArgs = j.at("fixed_args").get<std::vector<std::string>>();
    plan.finalProbe = j.value("final_probe", false);
  } catch (const nlohmann::json::exception& e) {
    throw SweepError(std::string("sweep plan: ") + e.what());
  }
  return plan;
}

}  // namespace binge
