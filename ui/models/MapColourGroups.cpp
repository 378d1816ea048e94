#include "MapColourGroups.h"

#include <map>

namespace binge::ui {

MapColourGroups mapColourGroups(const std::vector<RetrievalWindow>& windows, bool bySeries) {
  MapColourGroups groups;
  std::map<std::string, int> groupOf;
  groups.group.reserve(windows.size());
  for (const RetrievalWindow& w : windows) {
    const std::string& key = bySeries ? w.series : w.titleId;
    auto [it, fresh] = groupOf.emplace(key, static_cast<int>(groups.names.size()));
    if (fresh)
      groups.names << QString::fromStdString(bySeries ? (w.series.empty() ? std::string("Movies") : w.series) : w.titleName);
    groups.group.push_back(it->second);
  }
  return groups;
}

}  // namespace binge::ui
