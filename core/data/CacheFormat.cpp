#include "data/CacheFormat.h"

extern "C" {
#include <libavutil/crc.h>
}

#include <cstdio>

namespace binge {

std::string CacheGeometry::key() const {
  char text[96];
  std::snprintf(text, sizeof text, "%gfps-s%d-%dhz-m%d-w%g-h%g-q%d", fps, shortSide, sampleRate, melBins, windowMs, hopMs,
                jpegQuality);
  return text;
}

std::uint32_t crc32(const void* data, std::size_t size) {
  static const AVCRC* table = av_crc_get_table(AV_CRC_32_IEEE_LE);
  return av_crc(table, 0xFFFFFFFFu, static_cast<const std::uint8_t*>(data), size) ^ 0xFFFFFFFFu;
}

std::uint32_t headerCrc(CacheHeader header) {
  header.headerCrc = 0;
  return crc32(&header, sizeof header);
}

}  // namespace binge
