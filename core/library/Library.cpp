#include "library/Library.h"

#include <algorithm>
#include <set>

namespace binge {

const Title* Library::find(const std::string& id) const {
  for (const Title& title : titles)
    if (title.id == id) return &title;
  return nullptr;
}

Title* Library::find(const std::string& id) {
  return const_cast<Title*>(static_cast<const Library&>(*this).find(id));
}

const Title* Library::findByPath(const std::string& path) const {
  for (const Title& title : titles)
    if (title.path == path) return &title;
  return nullptr;
}

std::vector<std::string> Library::seriesNames() const {
  std::set<std::string> names;
  for (const Title& title : titles)
    if (!title.series.empty()) names.insert(title.series);
  return {names.begin(), names.end()};
}

}  // namespace binge
