#pragma once
// Strict reading of one JSON object into a config struct: a key that is present must have the right
// type, and a key nobody asked for is an error (a typo in a preset must not be silently ignored).
#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>

namespace binge {

class JsonFields {
 public:
  // `section` names the object in messages, e.g. "optimizer" → "optimizer.lr".
  JsonFields(const nlohmann::json& object, std::string section) : object_(object), section_(std::move(section)) {
    if (!object_.is_object()) throw std::invalid_argument(qualified("") + " must be a JSON object");
  }

  template <typename T>
  bool get(const std::string& key, T& value) {
    seen_.insert(key);
    const auto it = object_.find(key);
    if (it == object_.end()) return false;
    try {
      value = it->template get<T>();
    } catch (const nlohmann::json::exception&) {
      throw std::invalid_argument(qualified(key) + " has the wrong type: " + it->dump());
    }
    return true;
  }

  // The sub-object under key, or null when absent (marks the key as known).
  const nlohmann::json* object(const std::string& key) {
    seen_.insert(key);
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  void rejectUnknown() const {
    for (auto it = object_.begin(); it != object_.end(); ++it)
      if (!seen_.count(it.key())) throw std::invalid_argument("unknown config key: " + qualified(it.key()));
  }

 private:
  std::string qualified(const std::string& key) const {
    if (section_.empty()) return key.empty() ? "config" : key;
    return key.empty() ? section_ : section_ + "." + key;
  }

  const nlohmann::json& object_;
  std::string section_;
  std::set<std::string> seen_;
};

}  // namespace binge
