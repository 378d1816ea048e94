#include "library/TitleNaming.h"

#include <cctype>
#include <cstdio>
#include <map>
#include <regex>

namespace binge {
namespace {

// A newline or another control character in a file name would break every list that shows the name.
std::string withoutControlCharacters(std::string text) {
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return text;
}

std::string tidy(std::string text) {
  text = withoutControlCharacters(std::move(text));
  for (char& c : text)
    if (c == '.' || c == '_') c = ' ';
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '-')) out.pop_back();
  while (!out.empty() && (out.front() == ' ' || out.front() == '-')) out.erase(out.begin());
  return out;
}

bool isSeasonFolder(const std::string& name) {
  static const std::regex season(R"(^(season[ ._-]*\d+|s\d{1,2})$)", std::regex::icase);
  return std::regex_search(name, season);
}

// The folder that names the series: the parent, or the one above a "Season N" folder.
std::string seriesFolder(const std::filesystem::path& file) {
  std::filesystem::path folder = file.parent_path();
  if (isSeasonFolder(folder.filename().string())) folder = folder.parent_path();
  return tidy(folder.filename().string());
}

}  // namespace

TitleNaming nameTitle(const std::filesystem::path& file) {
  TitleNaming naming;
  const std::string stem = file.stem().string();
  naming.name = withoutControlCharacters(stem);
  // \b does not fire between '_' and a letter, so the tag is bounded by hand.
  static const std::regex sxxeyy(R"((^|[^a-z0-9])s(\d{1,2})[ ._-]?e(\d{1,3})($|[^0-9]))", std::regex::icase);
  static const std::regex nxmm(R"((^|[^a-z0-9])(\d{1,2})x(\d{2,3})($|[^0-9]))", std::regex::icase);
  std::smatch match;
  if (std::regex_search(stem, match, sxxeyy) || std::regex_search(stem, match, nxmm)) {
    naming.kind = TitleKind::Episode;
    naming.season = std::stoi(match[2].str());
    naming.episode = std::stoi(match[3].str());
    naming.series = tidy(match.prefix().str() + match[1].str());
    if (naming.series.empty()) naming.series = seriesFolder(file);
    return naming;
  }
  if (isSeasonFolder(file.parent_path().filename().string())) {
    naming.kind = TitleKind::Episode;
    naming.series = seriesFolder(file);
  }
  return naming;
}

void nameSameNamedFilesApart(std::vector<Title>& titles) {
  std::map<std::pair<std::string, std::string>, std::vector<Title*>> byFolderAndName;
  for (Title& title : titles)
    if (!title.userEdited) {
      const std::filesystem::path path(title.path);
      byFolderAndName[{path.parent_path().string(), nameTitle(path).name}].push_back(&title);
    }
  for (auto& [key, same] : byFolderAndName)
    for (Title* title : same) {
      const std::string extension = std::filesystem::path(title->path).extension().string();
      title->name = same.size() > 1 && extension.size() > 1 ? key.second + " (" + extension.substr(1) + ")" : key.second;
    }
}

std::string titleIdForPath(const std::string& absolutePath) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a: tiny, stable across platforms and versions
  for (unsigned char c : absolutePath) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash ^ (hash >> 32)));
  std::string slug;
  for (unsigned char c : std::filesystem::path(absolutePath).stem().string()) {
    if (std::isalnum(c) && c < 128) {
      slug.push_back(static_cast<char>(std::tolower(c)));
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? std::string(hex) : std::string(hex) + "-" + slug;
}

}  // namespace binge
