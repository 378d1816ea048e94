#include "eval/ProbeSet.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace binge {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

// file (canonical) → show, from a demo world's ground truth when present.
std::map<std::string, std::string> knownSources(const fs::path& probeRoot) {
  std::map<std::string, std::string> sources;
  const auto truth = probeRoot.parent_path() / "ground_truth.json";
  std::ifstream in(truth);
  if (!in) return sources;
  try {
    const auto json = nlohmann::json::parse(in);
    for (const auto& p : json.at("probe")) {
      std::error_code ec;
      const auto file = fs::weakly_canonical(probeRoot.parent_path() / p.at("file").get<std::string>(), ec);
      sources[file.string()] = p.at("show").get<std::string>();
    }
  } catch (const std::exception&) {
    sources.clear();  // not a ground truth we understand: fall back to stratified splits
  }
  return sources;
}

// Splits one CSV line (ESC-50's has no quoted commas, but quotes are honoured).
std::vector<std::string> csvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else if (c != '\r') out.back() += c;
  }
  return out;
}

// Labels sorted by class name; items sorted by class, then file name.
void finish(ProbeSet& set, std::vector<std::pair<std::string, ProbeItem>> byClassName) {
  std::set<std::string> names;
  for (const auto& [name, item] : byClassName) names.insert(name);
  set.classes.assign(names.begin(), names.end());
  if (set.classes.size() < 2)
    throw ProbeSetError("probe set " + set.root.string() + ": needs at least two classes, found " +
                        std::to_string(set.classes.size()));
  for (auto& [name, item] : byClassName)
    item.label = static_cast<int>(std::lower_bound(set.classes.begin(), set.classes.end(), name) - set.classes.begin());
  std::sort(byClassName.begin(), byClassName.end(), [](const auto& a, const auto& b) {
    return a.second.label != b.second.label ? a.second.label < b.second.label : a.second.path < b.second.path;
  });
  for (auto& [name, item] : byClassName) set.items.push_back(std::move(item));
}

ProbeSet loadEsc50(const fs::path& root, const fs::path& csv) {
  ProbeSet set;
  set.root = root;
  set.layout = "esc50";
  std::ifstream in(csv);
  if (!in) throw ProbeSetError("probe set " + root.string() + ": cannot read " + csv.string());
  std::string line;
  std::getline(in, line);
  const auto header = csvFields(line);
  auto column = [&](const char* name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw ProbeSetError(csv.string() + ": no '" + name + "' column (ESC-50's meta/esc50.csv has filename, fold, "
                          "target, category, src_file)");
    return static_cast<size_t>(it - header.begin());
  };
  const size_t file = column("filename"), fold = column("fold"), category = column("category");
  const auto source = std::find(header.begin(), header.end(), "src_file");
  std::vector<std::pair<std::string, ProbeItem>> items;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \r") == std::string::npos) continue;
    const auto f = csvFields(line);
    if (f.size() < header.size())
      throw ProbeSetError(csv.string() + ":" + std::to_string(n) + ": " + std::to_string(f.size()) + " fields, expected " +
                          std::to_string(header.size()));
    const fs::path audio = root / "audio" / f[file];
    if (!fs::is_regular_file(audio))
      throw ProbeSetError(csv.string() + ":" + std::to_string(n) + ": " + audio.string() + " does not exist");
    ProbeItem item;
    item.path = audio.string();
    try {
      item.fold = std::stoi(f[fold]) - 1;  // ESC-50 numbers its folds from 1
    } catch (const std::exception&) {
      throw ProbeSetError(csv.string() + ":" + std::to_string(n) + ": fold '" + f[fold] + "' is not a number");
    }
    if (source != header.end()) item.group = f[static_cast<size_t>(source - header.begin())];
    items.emplace_back(f[category], std::move(item));
  }
  finish(set, std::move(items));
  return set;
}

// The folder holding UCF101's split lists, if any: inside the set or beside it.
fs::path ucfListFolder(const fs::path& root) {
  for (const fs::path& dir : {root / "ucfTrainTestlist", root.parent_path() / "ucfTrainTestlist", root})
    if (fs::is_regular_file(dir / "testlist01.txt")) return dir;
  return {};
}

}  // namespace

bool looksLikeMedia(const fs::path& p) {
  static const std::set<std::string> kExtensions = {
      // video containers
      ".mp4", ".mkv", ".mov", ".avi", ".webm", ".m4v", ".ogv", ".mpg", ".mpeg", ".ts", ".m2ts", ".flv", ".wmv",
      // audio-only containers
      ".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".wma", ".aiff", ".aif"};
  return kExtensions.count(lower(p.extension().string())) > 0;
}

bool ProbeSet::groupsKnown() const {
  return !items.empty() && std::all_of(items.begin(), items.end(), [](const ProbeItem& i) { return !i.group.empty(); });
}

bool ProbeSet::foldsGiven() const {
  return !items.empty() && std::all_of(items.begin(), items.end(), [](const ProbeItem& i) { return i.fold >= 0; });
}

ProbeSet loadProbeSet(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw ProbeSetError("probe set " + folder.string() + ": not a folder");
  const fs::path root = fs::weakly_canonical(folder);
  if (fs::is_regular_file(root / "meta" / "esc50.csv")) return loadEsc50(root, root / "meta" / "esc50.csv");

  ProbeSet set;
  set.root = root;
  const fs::path lists = ucfListFolder(root);
  std::vector<std::string> classFolders;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory() && !hidden(entry.path()) && entry.path() != lists)
      classFolders.push_back(entry.path().filename().string());
  std::sort(classFolders.begin(), classFolders.end());
  if (classFolders.size() < 2)
    throw ProbeSetError("probe set " + root.string() + ": needs at least two class sub-folders, found " +
                        std::to_string(classFolders.size()));

  // UCF101: "Class/v_Class_g08_c01.avi" in testlist0k.txt → fold k-1.
  std::map<std::string, int> foldOf;
  if (!lists.empty()) {
    set.layout = "ucf101";
    for (int k = 1; k <= 9; ++k) {
      const fs::path list = lists / ("testlist0" + std::to_string(k) + ".txt");
      std::ifstream in(list);
      if (!in) break;
      std::string line;
      while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string rel;
        if (words >> rel) foldOf[(root / rel).lexically_normal().string()] = k - 1;
      }
    }
  }
  const auto sources = knownSources(root);
  static const std::regex kUcfGroup("_(g[0-9]+)_");
  std::vector<std::pair<std::string, ProbeItem>> items;
  for (const std::string& name : classFolders) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(root / name))
      if (entry.is_regular_file() && !hidden(entry.path()) && looksLikeMedia(entry.path())) files.push_back(entry.path());
    if (files.empty())
      throw ProbeSetError("probe set " + root.string() + ": class folder '" + name +
                          "' holds no media files (video or audio)");
    for (const auto& f : files) {
      ProbeItem item;
      item.path = f.string();
      const auto source = sources.find(f.string());
      if (source != sources.end()) item.group = source->second;
      if (set.layout == "ucf101") {
        const auto fold = foldOf.find(f.lexically_normal().string());
        if (fold != foldOf.end()) item.fold = fold->second;
        std::smatch group;
        const std::string file = f.filename().string();
        if (std::regex_search(file, group, kUcfGroup)) item.group = group[1];
      }
      items.emplace_back(name, std::move(item));
    }
  }
  finish(set, std::move(items));
  return set;
}

}  // namespace binge
