#pragma once
// Whole numbers read from JSON that another program, a crash or a hand edit may have written. Only a
// JSON integer within the target type's range is accepted: nlohmann's own conversion turns 1e38 into an
// integer by a cast that is undefined behaviour (found by fuzz_library and fuzz_run_files).
#include <nlohmann/json.hpp>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

namespace binge {

// j[key] as T, or nothing when it is missing or not a whole number in T's range.
template <typename T>
std::optional<T> wholeNumber(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto v = it->template get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max())) return std::nullopt;
    return static_cast<T>(v);
  }
  if (it->is_number_integer()) {
    const auto v = it->template get<std::int64_t>();
    if constexpr (std::is_unsigned_v<T>) {
      if (v < 0 || static_cast<std::uint64_t>(v) > std::numeric_limits<T>::max()) return std::nullopt;
    } else {
      if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
        return std::nullopt;
    }
    return static_cast<T>(v);
  }
  return std::nullopt;
}

// j[key] as T; `fallback` when the key is missing; std::invalid_argument naming the key when it holds
// anything but a whole number in T's range.
template <typename T>
T wholeNumberOr(const nlohmann::json& j, const char* key, T fallback) {
  if (!j.is_object() || !j.contains(key)) return fallback;
  if (const auto v = wholeNumber<T>(j, key)) return *v;
  throw std::invalid_argument(std::string(key) + ": " + j.at(key).dump() + " is not a whole number in range");
}

}  // namespace binge
