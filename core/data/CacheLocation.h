#pragma once
// Where a library's prepared cache for a data config lives, and the geometry it is prepared at (the
// clip fps, short side and audio parameters of the preset). Torch-free: the GUI shows each title's
// cache state and prepares from it with the same answer the trainer uses.
#include "data/CacheFormat.h"
#include "data/DataConfig.h"

#include <string>

namespace binge {

CacheGeometry cacheGeometryFor(const DataConfig& config);
// config.cacheDir when set, else PreparedCache::defaultFolder(config.libraryPath, geometry).
std::string cacheFolderFor(const DataConfig& config);

}  // namespace binge
