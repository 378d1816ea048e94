#include "data/PreparedTitle.h"

#include "runtime/ChecksumGates.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace binge {
namespace {
// An unaligned 16-bit load (memcpy compiles to a plain load on x86-64 and ARM64); found by UBSan.
inline std::int16_t int16At(const std::uint8_t* base, std::int64_t index) {
  std::int16_t value;
  std::memcpy(&value, base + index * 2, sizeof value);
  return value;
}
}  // namespace

PreparedTitle::PreparedTitle(const std::filesystem::path& file, const Title& source, const CacheGeometry& geometry)
    : path_(file.string()) {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw CacheInvalid(path_ + ": not prepared (" + std::strerror(errno) + ")");
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(CacheHeader))) {
    ::close(fd);
    throw CacheInvalid(path_ + ": damaged (shorter than its header)");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) throw CacheInvalid(path_ + ": cannot map (" + std::strerror(errno) + ")");
  data_ = static_cast<const std::uint8_t*>(mapped);
  std::memcpy(&header_, data_, sizeof header_);
  auto fail = [&](const std::string& reason) {
    ::munmap(const_cast<std::uint8_t*>(data_), size_);
    data_ = nullptr;
    throw CacheInvalid(path_ + ": " + reason);
  };
  if (std::memcmp(header_.magic, kCacheMagic, sizeof kCacheMagic) != 0) fail("damaged (not a Binge cache file)");
  if (header_.version != kCacheVersion) fail("written by another cache version");
  if (kChecksumGates && header_.headerCrc != headerCrc(header_)) fail("damaged (header checksum mismatch)");
  if (header_.fileSize != size_) fail("damaged (truncated or extended)");
  if (header_.sourceSize != source.size || header_.sourceMtime != source.mtime) fail("stale (the source file changed)");
  if (header_.fps != geometry.fps || header_.shortSide != geometry.shortSide || header_.sampleRate != geometry.sampleRate ||
      header_.jpegQuality != geometry.jpegQuality || header_.melBins != geometry.melBins ||
      header_.hopSamples != static_cast<std::int32_t>(std::lround(geometry.sampleRate * geometry.hopMs / 1000)) ||
      header_.windowSamples != static_cast<std::int32_t>(std::lround(geometry.sampleRate * geometry.windowMs / 1000)))
    fail("stale (prepared for another clip geometry)");
  const std::uint64_t indexEnd = header_.indexOffset + static_cast<std::uint64_t>(header_.frameCount) * sizeof(FrameEntry);
  const std::uint64_t audioEnd = header_.audioOffset + static_cast<std::uint64_t>(header_.sampleCount) * sizeof(std::int16_t);
  const std::uint64_t melEnd =
      header_.melOffset + static_cast<std::uint64_t>(header_.melFrames) * header_.melBins * sizeof(std::int16_t);
  if (header_.frameCount < 1 || indexEnd > size_ || audioEnd > size_ || melEnd > size_)
    fail("damaged (sections out of range)");
  mel_ = data_ + header_.melOffset;
  index_ = reinterpret_cast<const FrameEntry*>(data_ + header_.indexOffset);
  audio_ = data_ + header_.audioOffset;
  verified_ = std::make_unique<std::atomic<std::uint8_t>[]>(static_cast<size_t>(header_.frameCount));
}

PreparedTitle::~PreparedTitle() {
  if (data_) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

PreparedTitle::StoredFrame PreparedTitle::storedFrame(int k) const {
  k = std::clamp(k, 0, header_.frameCount - 1);
  const FrameEntry& entry = index_[k];
  if (entry.offset + entry.size > size_)
    throw CacheInvalid(path_ + ": damaged (frame " + std::to_string(k) + " out of range)");
  const std::uint8_t* jpeg = data_ + entry.offset;
  const bool verified = verified_[static_cast<size_t>(k)].load(std::memory_order_relaxed) != 0;
  if (kChecksumGates && !verified && crc32(jpeg, entry.size) != entry.crc)
    throw CacheInvalid(path_ + ": damaged (frame " + std::to_string(k) + " checksum mismatch)");
  return {k, jpeg, entry.size, verified};
}

template <typename Decode>
void PreparedTitle::decodeStored(const StoredFrame& frame, Decode&& decode) const {
  try {
    decode();
  } catch (const std::runtime_error& e) {
    throw CacheInvalid(path_ + ": frame " + std::to_string(frame.index) + ": " + e.what());
  }
  // A frame decoded once from these bytes has the right size: the size check runs on first reads.
  if (!frame.verified) verified_[static_cast<size_t>(frame.index)].store(1, std::memory_order_relaxed);
}

bool PreparedTitle::readFrames(int first, int count, JpegDecoder& decoder, std::uint8_t* rgb) const {
  const std::size_t frameBytes = static_cast<std::size_t>(header_.width) * header_.height * 3;
  for (int i = 0; i < count; ++i) {
    const StoredFrame frame = storedFrame(first + i);
    decodeStored(frame, [&] {
      decoder.decode(frame.jpeg, frame.size, header_.width, header_.height, rgb + i * frameBytes, !frame.verified);
    });
  }
  return first + count > header_.frameCount;
}

bool PreparedTitle::readFramesYuv420(int first, int count, JpegDecoder& decoder, std::uint8_t* yuv) const {
  const std::size_t luma = static_cast<std::size_t>(header_.width) * header_.height;
  const std::size_t chroma = static_cast<std::size_t>((header_.width + 1) / 2) * ((header_.height + 1) / 2);
  for (int i = 0; i < count; ++i) {
    const StoredFrame frame = storedFrame(first + i);
    std::uint8_t* y = yuv + i * (luma + 2 * chroma);
    decodeStored(frame, [&] {
      decoder.decodeYuv420(frame.jpeg, frame.size, header_.width, header_.height, y, y + luma, y + luma + chroma,
                           !frame.verified);
    });
  }
  return first + count > header_.frameCount;
}

bool PreparedTitle::readAudio(std::int64_t first, std::int64_t count, float* out) const {
  constexpr float kScale = 1.0f / 32768.0f;
  // Stored samples [lo, hi) of the request, zeros around them; the middle loop has no branch.
  const std::int64_t lo = std::clamp<std::int64_t>(-first, 0, count);
  const std::int64_t hi = std::clamp<std::int64_t>(header_.sampleCount - first, lo, count);
  std::fill(out, out + lo, 0.0f);
  const std::uint8_t* samples = audio_ + (first + lo) * 2;
  for (std::int64_t i = lo; i < hi; ++i) out[i] = static_cast<float>(int16At(samples, i - lo)) * kScale;
  std::fill(out + hi, out + count, 0.0f);
  return lo > 0 || hi < count;
}

void PreparedTitle::readLogMel(std::int64_t first, int count, float* out, float offset) const {
  const int mels = header_.melBins;
  const float silence = std::log(1e-6f) + offset;
  constexpr float kInverse = 1.0f / kMelScale;
  for (int j = 0; j < count; ++j) {
    const std::int64_t f = first + j;
    if (f < 0 || f >= header_.melFrames) {
      for (int m = 0; m < mels; ++m) out[static_cast<size_t>(m) * count + j] = silence;
      continue;
    }
    const std::int64_t frame = f * mels;
    for (int m = 0; m < mels; ++m)
      out[static_cast<size_t>(m) * count + j] = int16At(mel_, frame + m) * kInverse + offset;
  }
}

}  // namespace binge
