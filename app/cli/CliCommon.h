#pragma once
// Shared pieces of binge-cli: the usage-error exception (exit 2), JSON output, registration of
// subcommands. Each subcommand lives in its own file and registers itself through addXxxCommand().
#include "library/Library.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace binge::cli {

// Bad arguments, missing files, invalid configs: one clear line, exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr int kExitUsage = 2;

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

// Loads a library file; a missing or unreadable file is a usage error (exit 2, one line).
Library loadLibraryOrUsageError(const std::string& path);

}  // namespace binge::cli
