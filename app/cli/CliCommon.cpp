#include "cli/CliCommon.h"

#include <filesystem>
#include <iostream>

namespace binge::cli {

int exitStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage:
    case ErrorKind::Input: return kExitUsage;
    case ErrorKind::Io:
    case ErrorKind::Internal: return 1;
  }
  return 1;
}

void printJson(const nlohmann::json& document) { std::cout << document.dump(2) << std::endl; }

void requireExistingPath(const std::string& path, const std::string& what) {
  if (!std::filesystem::exists(path)) throw UsageError(what + " not found: " + path);
}

Library loadGivenLibrary(const std::string& path) {
  requireExistingPath(path, "library");
  try {
    return loadLibrary(path);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::Input, std::string("cannot read library: ") + e.what());
  }
}

}  // namespace binge::cli
