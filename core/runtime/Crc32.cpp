#include "runtime/Crc32.h"

extern "C" {
#include <libavutil/crc.h>
}

namespace binge {

void Crc32::update(const void* data, std::size_t size) {
  static const AVCRC* table = av_crc_get_table(AV_CRC_32_IEEE_LE);
  state_ = av_crc(table, state_, static_cast<const std::uint8_t*>(data), size);
}

}  // namespace binge
