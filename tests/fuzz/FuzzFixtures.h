#pragma once
// What a fuzz target and the seed generator (fuzz_seeds.cpp) must agree on: the geometry and source
// identity a seed cache file is prepared for, and the model a seed checkpoint is saved from.
#include "data/CacheFormat.h"
#include "library/Title.h"
#include "model/ModelConfig.h"

namespace binge::fuzz {

inline CacheGeometry seedCacheGeometry() {
  CacheGeometry geometry;
  geometry.fps = 4;
  geometry.shortSide = 16;
  geometry.melBins = 16;
  return geometry;
}

// The cache records the source's size and mtime; a seed is prepared for this identity, so that mutated
// seeds reach the reader instead of stopping at "stale".
inline Title seedCacheSource() {
  Title title;
  title.id = "seed";
  title.size = 4096;
  title.mtime = 1700000000;
  return title;
}

// A tiny model, so that a seed checkpoint is a few hundred kB.
inline ModelConfig seedModelConfig() {
  ModelConfig model;
  model.tinyWidth = 4;
  model.headHiddenDim = 8;
  model.embeddingDim = 8;
  return model;
}

}  // namespace binge::fuzz
