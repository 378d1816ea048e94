#pragma once
// On-disk layout of one prepared title (<cache>/<title id>.bcache), shared by writer and reader.
//
//   CacheHeader (fixed size)  magic, version, source size+mtime, geometry, counts, section offsets,
//                             CRC-32 of the header itself
//   frames section            JPEG images, one per video frame at the geometry's fps
//   index section             frameCount × FrameEntry {offset, size, CRC-32 of the JPEG}
//   audio section             sampleCount × int16 mono PCM at the geometry's sample rate
//   log-mel section           melFrames × melBins int16 (value × 1000), the whole title's log-mel,
//                             frame k centred on sample k · hop (computed once here because the
//                             spectrogram costs far more than JPEG decoding when clips are loaded)
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
  int melBins = 64;
  double windowMs = 25.0;
  double hopMs = 10.0;

  // Names the geometry in cache folder names, e.g. "8fps-s72-16000hz-m64-q90".
  std::string key() const;
  bool operator==(const CacheGeometry& o) const {
    return fps == o.fps && shortSide == o.shortSide && sampleRate == o.sampleRate && jpegQuality == o.jpegQuality &&
           melBins == o.melBins && windowMs == o.windowMs && hopMs == o.hopMs;
  }
};

constexpr char kCacheMagic[8] = {'B', 'N', 'G', 'C', 'A', 'C', 'H', 'E'};
constexpr std::uint32_t kCacheVersion = 2;
// Log-mel values are stored as int16 of value × kMelScale (resolution 0.001, range ±32).
constexpr float kMelScale = 1000.0f;

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
  std::int32_t melBins;
  std::int32_t hopSamples;
  std::int32_t windowSamples;
  std::int32_t melFrames;
  std::uint64_t melOffset;
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
