#include "cli/CliCommon.h"

#include <filesystem>
#include <iostream>

namespace binge::cli {

void printJson(const nlohmann::json& document) { std::cout << document.dump(2) << std::endl; }

void requireExistingPath(const std::string& path, const std::string& what) {
  if (!std::filesystem::exists(path)) throw UsageError(what + " not found: " + path);
}

Library loadLibraryOrUsageError(const std::string& path) {
  requireExistingPath(path, "library");
  try {
    return loadLibrary(path);
  } catch (const std::exception& e) {
    throw UsageError(std::string("cannot read library: ") + e.what());
  }
}

}  // namespace binge::cli
