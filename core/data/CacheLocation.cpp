#include "data/CacheLocation.h"

#include "data/PreparedCache.h"

#include <algorithm>

namespace binge {

CacheGeometry cacheGeometryFor(const DataConfig& config) {
  CacheGeometry g;
  g.fps = config.clip.fps;
  g.shortSide = config.clip.shortSide > 0 ? config.clip.shortSide : std::min(config.clip.width, config.clip.height);
  g.sampleRate = config.clip.sampleRate;
  g.melBins = config.clip.melBins;
  g.windowMs = config.clip.windowMs;
  g.hopMs = config.clip.hopMs;
  return g;
}

std::string cacheFolderFor(const DataConfig& config) {
  if (!config.cacheDir.empty()) return config.cacheDir;
  return PreparedCache::defaultFolder(config.libraryPath, cacheGeometryFor(config)).string();
}

}  // namespace binge
