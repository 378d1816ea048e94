#pragma once
// Shared pieces of binge-cli: the usage-error exception (exit 2), JSON output, registration of
// subcommands. Each subcommand lives in its own file and registers itself through addXxxCommand().
#include "library/Library.h"
#include "runtime/Error.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace binge::cli {

// A bad argument found by a subcommand itself: a usage error (runtime/Error.h), one clear line.
struct UsageError : Error {
  explicit UsageError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

constexpr int kExitUsage = 2;

// The exit status of each kind of error, the one place binge-cli decides it (docs/architecture.md,
// CLI contract): what the user gave — arguments, files, configs — is wrong: 2; the machine failed
// (disk, network) or Binge did: 1.
int exitStatusFor(ErrorKind kind);

// Options every subcommand shares.
struct GlobalOptions {
  int threads = 0;  // 0 = all hardware threads
};

// The action a subcommand runs after parsing; returns the process exit status.
using CommandAction = std::function<int()>;

// stdout holds exactly one JSON document when --json is given (docs/architecture.md, CLI contract).
void printJson(const nlohmann::json& document);

// Throws UsageError if the path does not exist.
void requireExistingPath(const std::string& path, const std::string& what);

// Loads a library file the user named; a missing or unreadable one is an input error naming it.
Library loadGivenLibrary(const std::string& path);

}  // namespace binge::cli
