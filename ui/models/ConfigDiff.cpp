#include "ConfigDiff.h"

namespace binge::ui {
namespace {

std::string leafText(const nlohmann::json& value) {
  // A string reads better without its quotes ("uniform → hierarchical"); everything else is shown as
  // the JSON it is, so 1 and 1.0 and "1" stay distinguishable where they differ.
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

void flattenInto(const nlohmann::json& value, const std::string& path, std::map<std::string, std::string>& out) {
  if (value.is_object() && !value.empty()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      flattenInto(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i) flattenInto(value[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    out[path.empty() ? std::string("(root)") : path] = leafText(value);
  }
}

}  // namespace

std::map<std::string, std::string> flattenConfig(const nlohmann::json& config) {
  std::map<std::string, std::string> out;
  if (!config.is_null()) flattenInto(config, "", out);
  return out;
}

std::vector<ConfigDifference> diffConfigs(const nlohmann::json& left, const nlohmann::json& right) {
  const auto a = flattenConfig(left), b = flattenConfig(right);
  std::vector<ConfigDifference> out;
  // Both maps are sorted by path: one merge pass gives the union in order.
  auto ia = a.begin(), ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    ConfigDifference d;
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      d = {ia->first, ia->second, "", false, true};
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      d = {ib->first, "", ib->second, true, false};
      ++ib;
    } else {
      const bool same = ia->second == ib->second;
      d = {ia->first, ia->second, ib->second, false, false};
      ++ia;
      ++ib;
      if (same) continue;
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace binge::ui
