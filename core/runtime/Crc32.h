#pragma once
// CRC-32 (IEEE, as zip and PNG use it), fed in pieces: cache files check each frame and their header
// with it, checkpoints their whole file (train/CheckpointSeal.h).
#include <cstddef>
#include <cstdint>

namespace binge {

class Crc32 {
 public:
  void update(const void* data, std::size_t size);
  std::uint32_t value() const { return state_ ^ 0xFFFFFFFFu; }

 private:
  std::uint32_t state_ = 0xFFFFFFFFu;
};

inline std::uint32_t crc32Of(const void* data, std::size_t size) {
  Crc32 crc;
  crc.update(data, size);
  return crc.value();
}

}  // namespace binge
