#pragma once
// One fuzz target, compiled two ways (docs/reliability.md, Fuzzing):
//   - in the fuzz build (-DBINGE_FUZZ=ON, clang) BINGE_FUZZ_TARGET(name) is libFuzzer's entry point,
//     one executable per target;
//   - in the normal build it is a function registered under `name`, so that test_fuzz_replay runs every
//     seed and every crash input found so far through the same code with the normal compiler.
// A target returns 0 for every input: a clean error (an exception the product catches and reports) is
// the expected outcome of bad bytes; a crash, a sanitizer report or a hang is a finding.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace binge::fuzz {

using Target = std::function<int(const std::uint8_t* data, std::size_t size)>;

// Every target linked into this executable, by name (normal build only).
inline std::map<std::string, Target>& targets() {
  static std::map<std::string, Target> all;
  return all;
}

struct Registration {
  Registration(const char* name, int (*run)(const std::uint8_t*, std::size_t)) { targets()[name] = run; }
};

}  // namespace binge::fuzz

#ifdef BINGE_FUZZ_ENTRY
#define BINGE_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#else
#define BINGE_FUZZ_TARGET(name)                                                          \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size);                    \
  static const ::binge::fuzz::Registration registration_##name(#name, &fuzz_##name); \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size)
#endif
