#include "eval/ProbeSet.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

namespace binge {
namespace {

bool looksLikeMedia(const std::filesystem::path& p) {
  static const std::set<std::string> kExtensions = {".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v", ".ogv", ".mpg"};
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return kExtensions.count(ext) > 0;
}

// file (relative to the world folder, canonical) → show, from a demo world's ground truth when present.
std::map<std::string, std::string> knownSources(const std::filesystem::path& probeRoot) {
  std::map<std::string, std::string> sources;
  const auto truth = probeRoot.parent_path() / "ground_truth.json";
  std::ifstream in(truth);
  if (!in) return sources;
  try {
    const auto json = nlohmann::json::parse(in);
    for (const auto& p : json.at("probe")) {
      std::error_code ec;
      const auto file = std::filesystem::weakly_canonical(probeRoot.parent_path() / p.at("file").get<std::string>(), ec);
      sources[file.string()] = p.at("show").get<std::string>();
    }
  } catch (const std::exception&) {
    sources.clear();  // not a ground truth we understand: fall back to stratified splits
  }
  return sources;
}

}  // namespace

bool ProbeSet::groupsKnown() const {
  return !items.empty() && std::all_of(items.begin(), items.end(), [](const ProbeItem& i) { return !i.group.empty(); });
}

ProbeSet loadProbeSet(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw ProbeSetError("probe set " + folder.string() + ": not a folder");
  ProbeSet set;
  set.root = std::filesystem::weakly_canonical(folder);
  for (const auto& entry : std::filesystem::directory_iterator(set.root))
    if (entry.is_directory() && entry.path().filename().string().rfind('.', 0) != 0)
      set.classes.push_back(entry.path().filename().string());
  std::sort(set.classes.begin(), set.classes.end());
  if (set.classes.size() < 2)
    throw ProbeSetError("probe set " + set.root.string() + ": needs at least two class sub-folders, found " +
                        std::to_string(set.classes.size()));
  const auto sources = knownSources(set.root);
  for (int c = 0; c < static_cast<int>(set.classes.size()); ++c) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(set.root / set.classes[static_cast<size_t>(c)]))
      if (entry.is_regular_file() && entry.path().filename().string().rfind('.', 0) != 0 && looksLikeMedia(entry.path()))
        files.push_back(entry.path());
    if (files.empty())
      throw ProbeSetError("probe set " + set.root.string() + ": class folder '" + set.classes[static_cast<size_t>(c)] +
                          "' holds no media files");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const auto it = sources.find(f.string());
      set.items.push_back({f.string(), c, it == sources.end() ? std::string() : it->second});
    }
  }
  return set;
}

}  // namespace binge
