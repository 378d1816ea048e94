#pragma once
// LibTorch errors carry a C++ backtrace in what(); people, event readers and one-line CLI errors need
// the message only.
#include <c10/util/Exception.h>

#include <exception>
#include <string>

namespace binge {

inline std::string errorMessage(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return c10->what_without_backtrace();
  return e.what();
}

}  // namespace binge
