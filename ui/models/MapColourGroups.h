#pragma once
// Which colour group each point of the embedding map belongs to: its title, or its series (movies
// together), in order of first appearance, with the names the map's legend shows.
#include "eval/RetrievalService.h"

#include <QStringList>

#include <vector>

namespace binge::ui {

struct MapColourGroups {
  std::vector<int> group;  // per window, an index into names
  QStringList names;
};

MapColourGroups mapColourGroups(const std::vector<RetrievalWindow>& windows, bool bySeries);

}  // namespace binge::ui
