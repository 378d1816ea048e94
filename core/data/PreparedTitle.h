#pragma once
// Read access to one prepared title: memory-mapped, O(1) to any frame or audio sample. Reading is
// const and thread-safe (each thread brings its own JpegDecoder).
#include "runtime/Error.h"
#include "data/CacheFormat.h"
#include "data/JpegCodec.h"
#include "library/Title.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace binge {

// The cache file is missing, stale (source or geometry changed) or damaged; what() says which.
class CacheInvalid : public Error {
 public:
  explicit CacheInvalid(const std::string& message) : Error(ErrorKind::Input, message) {}
};

class PreparedTitle {
 public:
  // Maps the file and validates it against the source title and the geometry. Throws CacheInvalid.
  PreparedTitle(const std::filesystem::path& file, const Title& source, const CacheGeometry& geometry);
  ~PreparedTitle();
  PreparedTitle(const PreparedTitle&) = delete;
  PreparedTitle& operator=(const PreparedTitle&) = delete;

  int width() const { return header_.width; }
  int height() const { return header_.height; }
  int frameCount() const { return header_.frameCount; }
  std::int64_t sampleCount() const { return header_.sampleCount; }
  double fps() const { return header_.fps; }
  int sampleRate() const { return header_.sampleRate; }
  std::uint64_t fileSize() const { return header_.fileSize; }

  // Decodes `count` frames starting at frame `first` into rgb (count × height × width × 3); frames
  // past the last repeat the last one. Throws CacheInvalid when a frame's CRC or JPEG is damaged.
  // Returns true when some frames were repeated past the end.
  bool readFrames(int first, int count, JpegDecoder& decoder, std::uint8_t* rgb) const;
  // The same frames as planar YCbCr 4:2:0, in DecodedClip::yuv420's layout (Y, Cb, Cr per frame).
  bool readFramesYuv420(int first, int count, JpegDecoder& decoder, std::uint8_t* yuv) const;
  // Mono samples [first, first + count) as float in [-1, 1); zeros outside the stored range.
  // Returns true when zeros were padded.
  bool readAudio(std::int64_t first, std::int64_t count, float* out) const;
  // Log-mel frames [first, first + count) of the title into out as [mels, count] (row-major); frames
  // outside the title get log(1e-6), the value of silence. `offset` is added to every value.
  void readLogMel(std::int64_t first, int count, float* out, float offset = 0.0f) const;
  int melBins() const { return header_.melBins; }
  int hopSamples() const { return header_.hopSamples; }

 private:
  struct StoredFrame {
    int index;            // k clamped to the title
    const std::uint8_t* jpeg;
    std::size_t size;
    bool verified;        // CRC and JPEG header checked by an earlier read in this process
  };
  // Frame k (past the end: the last one), its CRC checked unless verified. Throws CacheInvalid.
  StoredFrame storedFrame(int k) const;
  // Runs decode(frame) and marks the frame verified; a decoder error becomes CacheInvalid.
  template <typename Decode>
  void decodeStored(const StoredFrame& frame, Decode&& decode) const;

  std::string path_;
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  CacheHeader header_{};
  const FrameEntry* index_ = nullptr;
  // Start of the 16-bit sections. Sections are packed back to back after variable-length JPEG frames,
  // so they may start at an odd offset: read them through int16At(), never through an int16_t*.
  const std::uint8_t* audio_ = nullptr;
  const std::uint8_t* mel_ = nullptr;
  // Frames whose CRC and JPEG size have been checked. A frame is checked on its first read only: the mapping is
  // read-only and cache files are never rewritten in place (a new file is renamed over the old one,
  // and this mapping keeps the old inode), so bytes that were right once stay right. Damage on disk
  // or a torn write still shows on the first read of each frame in every process.
  std::unique_ptr<std::atomic<std::uint8_t>[]> verified_;
};

}  // namespace binge
