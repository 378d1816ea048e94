#include "data/CacheFormat.h"

#include "runtime/Crc32.h"

#include <cstdio>

namespace binge {

std::string CacheGeometry::key() const {
  char text[96];
  std::snprintf(text, sizeof text, "%gfps-s%d-%dhz-m%d-w%g-h%g-q%d", fps, shortSide, sampleRate, melBins, windowMs, hopMs,
                jpegQuality);
  return text;
}

std::uint32_t crc32(const void* data, std::size_t size) { return crc32Of(data, size); }

std::uint32_t headerCrc(CacheHeader header) {
  header.headerCrc = 0;
  return crc32(&header, sizeof header);
}

}  // namespace binge
