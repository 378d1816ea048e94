#pragma once
// A library: the titles a user imported, stored as a human-readable JSON file (docs/architecture.md, Files).
#include "library/Title.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binge {

struct Library {
  std::vector<Title> titles;

  const Title* find(const std::string& id) const;
  Title* find(const std::string& id);
  const Title* findByPath(const std::string& path) const;
  std::vector<std::string> seriesNames() const;  // sorted, distinct, non-empty
};

// Throws std::runtime_error naming the file and what is wrong with it.
Library loadLibrary(const std::filesystem::path& path);
// Atomic (temp file + rename).
void saveLibrary(const std::filesystem::path& path, const Library& library);

}  // namespace binge
