#pragma once
// On-disk layout of one prepared title (<cache>/<title id>.bcache), shared by writer and reader.
//
//   CacheHeader (fixed size)  magic, version, source size+mtime, geometry, counts, section offsets,
//                             CRC-32 of the header itself
//   frames section            JPEG images, one per video frame at the geometry's fps
//   index section             frameCount × FrameEntry {offset, size, CRC-32 of the JPEG}
//   audio section             sampleCount × int16 mono PCM at the geometry's sample rate
//
// The writer streams frames, then writes index and audio, then the final header, fsyncs and renames
// the .partial file into place: a file that has the right name and a valid header is complete.
// Frame k shows the source frame a player shows at k / fps.
#include <cstdint>
#include <string>

namespace binge {

struct CacheGeometry {
  double fps = 8.0;
  int shortSide = 72;        // frames are scaled so their short side is this many pixels
  int sampleRate = 16000;
  int jpegQuality = 90;

  // Names the geometry in cache folder names, e.g. "8fps-s72-16000hz-q90".
  std::string key() const;
  bool operator==(const CacheGeometry& o) const {
    return fps == o.fps && shortSide == o.shortSide && sampleRate == o.sampleRate && jpegQuality == o.jpegQuality;
  }
};

constexpr char kCacheMagic[8] = {'B', 'N', 'G', 'C', 'A', 'C', 'H', 'E'};
constexpr std::uint32_t kCacheVersion = 1;

#pragma pack(push, 1)
struct CacheHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t headerSize;
  std::uint64_t sourceSize;
  std::int64_t sourceMtime;
  double fps;
  std::int32_t shortSide;
  std::int32_t sampleRate;
  std::int32_t jpegQuality;
  std::int32_t width;        // frame size as stored
  std::int32_t height;
  std::int32_t frameCount;
  std::int64_t sampleCount;
  double duration;           // seconds of source covered
  std::uint64_t framesOffset;
  std::uint64_t indexOffset;
  std::uint64_t audioOffset;
  std::uint64_t fileSize;
  std::uint32_t headerCrc;   // CRC-32 of this struct with headerCrc = 0
};

struct FrameEntry {
  std::uint64_t offset;
  std::uint32_t size;
  std::uint32_t crc;
};
#pragma pack(pop)

std::uint32_t crc32(const void* data, std::size_t size);
std::uint32_t headerCrc(CacheHeader header);

}  // namespace binge
