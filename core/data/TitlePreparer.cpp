#include <torch/torch.h>

#include "runtime/Error.h"
#include "data/TitlePreparer.h"

#include "data/JpegCodec.h"
#include "media/ClipDecoder.h"
#include "media/LogMel.h"
#include "runtime/DiskSpace.h"
#include "runtime/FileWrite.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace binge {
namespace {
// Decoding in chunks of this many seconds keeps memory small and the decoder on its forward path.
constexpr double kChunkSeconds = 8.0;

// The source file as it is on disk: which file (device, inode), its size and its modification time to
// the nanosecond. The cache is labelled with the identity the library recorded at import; a file that
// changed since, or is replaced or rewritten while it is decoded, must not be cached under that label.
struct SourceIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtimeSeconds = 0;
  long mtimeNanoseconds = 0;
  bool operator==(const SourceIdentity& o) const {
    return device == o.device && inode == o.inode && size == o.size && mtimeSeconds == o.mtimeSeconds &&
           mtimeNanoseconds == o.mtimeNanoseconds;
  }
};

SourceIdentity identityOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw Error(ErrorKind::Input, path + ": cannot read (" + std::strerror(errno) + ")");
  return {st.st_dev, st.st_ino, static_cast<std::uint64_t>(st.st_size), static_cast<std::int64_t>(st.st_mtim.tv_sec),
          st.st_mtim.tv_nsec};
}

class PartialFile {
 public:
  explicit PartialFile(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(ErrorKind::Io, path_.string() + ": cannot create (" + std::strerror(errno) + ")");
  }
  ~PartialFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }
  void writeAt(std::uint64_t offset, const void* data, std::size_t size) {
    writeFully(fd_, data, size, static_cast<std::int64_t>(offset), path_, kWriteCache);
  }
  void commit(const std::filesystem::path& final) {
    if (::fsync(fd_) != 0) throwWriteError(path_, errno);  // delayed allocation may fail only here
    ::close(fd_);
    fd_ = -1;
    if (::rename(path_.c_str(), final.c_str()) != 0)
      throw Error(ErrorKind::Io, final.string() + ": rename failed (" + std::strerror(errno) + ")");
    committed_ = true;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};
// The same spectrogram as LogMelExtractor::compute (same window, frames, filterbank and log offset),
// but through LibTorch's FFT over the whole title at once: for a long title the spectrogram otherwise
// costs more than decoding the video.
std::vector<float> titleLogMel(const media::LogMelExtractor& logMel, std::vector<float>& pcm) {
  torch::NoGradGuard noGrad;
  const auto samples = torch::from_blob(pcm.data(), {static_cast<std::int64_t>(pcm.size())}, torch::kFloat32);
  const auto window = torch::hann_window(logMel.fftSize(), torch::kFloat32);
  const auto spectrum = torch::stft(samples, logMel.fftSize(), logMel.hop(), logMel.fftSize(), window,
                                    /*center=*/true, /*pad_mode=*/"reflect", /*normalized=*/false,
                                    /*onesided=*/true, /*return_complex=*/true);
  const int bins = logMel.fftSize() / 2 + 1;
  const auto filterbank = torch::from_blob(const_cast<float*>(logMel.filterbank().data()), {logMel.melBins(), bins},
                                           torch::kFloat32);
  const auto mel = torch::log(torch::matmul(filterbank, spectrum.abs().pow(2)) + 1e-6).contiguous();
  const auto* begin = mel.data_ptr<float>();
  return std::vector<float>(begin, begin + mel.numel());
}
}  // namespace

PreparedTitleSummary prepareTitle(const Title& title, const CacheGeometry& geometry, const std::filesystem::path& file,
                                  const std::function<void(double)>& progress, const std::atomic<bool>* cancel) {
  const auto began = std::chrono::steady_clock::now();
  if (!title.video) throw Error(ErrorKind::Input, title.path + ": no video stream to prepare");
  const int frameCount = std::max(1, static_cast<int>(std::ceil(title.duration * geometry.fps - 1e-6)));
  const std::int64_t sampleCount = title.audio ? static_cast<std::int64_t>(std::floor(title.duration * geometry.sampleRate)) : 0;

  const SourceIdentity source = identityOf(title.path);
  if (source.size != title.size || source.mtimeSeconds != title.mtime)
    throw Error(ErrorKind::Input, title.path + ": changed since it was imported (now " + std::to_string(source.size) +
                             " bytes); import it again, then prepare");
  media::ClipDecoder decoder(title.path);
  JpegEncoder jpeg(geometry.jpegQuality);
  PartialFile out(file.string() + ".partial");

  CacheHeader header{};
  std::memcpy(header.magic, kCacheMagic, sizeof kCacheMagic);
  header.version = kCacheVersion;
  header.headerSize = sizeof(CacheHeader);
  header.sourceSize = title.size;
  header.sourceMtime = title.mtime;
  header.fps = geometry.fps;
  header.shortSide = geometry.shortSide;
  header.sampleRate = geometry.sampleRate;
  header.jpegQuality = geometry.jpegQuality;
  header.frameCount = frameCount;
  header.sampleCount = sampleCount;
  header.duration = title.duration;
  header.framesOffset = sizeof(CacheHeader);

  std::vector<FrameEntry> index;
  index.reserve(static_cast<std::size_t>(frameCount));
  std::vector<std::int16_t> audio;
  audio.reserve(static_cast<std::size_t>(sampleCount));
  std::vector<std::uint8_t> encoded;
  std::uint64_t offset = header.framesOffset;

  const int chunkFrames = std::max(1, static_cast<int>(std::lround(kChunkSeconds * geometry.fps)));
  ClipSpec spec;
  spec.fps = geometry.fps;
  spec.shortSide = geometry.shortSide;
  spec.sampleRate = geometry.sampleRate;
  spec.melBins = 0;  // the cache stores PCM; spectrograms are computed when clips are loaded
  spec.decodeAudio = title.audio.has_value();
  for (int first = 0; first < frameCount; first += chunkFrames) {
    if (cancel && cancel->load()) throw PrepareCancelled();
    spec.frames = std::min(chunkFrames, frameCount - first);
    const double start = first / geometry.fps;
    const std::int64_t firstSample = static_cast<std::int64_t>(std::llround(start * geometry.sampleRate));
    const std::int64_t lastSample =
        first + spec.frames >= frameCount ? sampleCount
                                          : static_cast<std::int64_t>(std::llround((first + spec.frames) / geometry.fps * geometry.sampleRate));
    spec.audioSeconds = std::max<double>(1.0, static_cast<double>(lastSample - firstSample)) / geometry.sampleRate;
    const DecodedClip clip = decoder.decode(start, spec);
    if (first == 0) {
      header.width = clip.width;
      header.height = clip.height;
    }
    encoded.clear();
    for (int t = 0; t < clip.frames; ++t) {
      const std::size_t before = encoded.size();
      const std::size_t size = jpeg.encode(clip.frame(t), clip.width, clip.height, encoded);
      index.push_back({offset + before, static_cast<std::uint32_t>(size), crc32(encoded.data() + before, size)});
    }
    out.writeAt(offset, encoded.data(), encoded.size());
    offset += encoded.size();
    for (std::int64_t s = 0; s < lastSample - firstSample && s < static_cast<std::int64_t>(clip.audio.size()); ++s) {
      const float v = std::clamp(clip.audio[static_cast<std::size_t>(s)] * 32768.0f, -32768.0f, 32767.0f);
      audio.push_back(static_cast<std::int16_t>(std::lrint(v)));
    }
    if (progress) progress(std::min(1.0, static_cast<double>(first + spec.frames) / frameCount));
  }
  audio.resize(static_cast<std::size_t>(sampleCount), 0);

  // The whole title's log-mel, once: frame k is centred on sample k · hop, exactly where a clip's
  // own spectrogram puts its frames when the clip starts on the hop grid.
  const media::LogMelExtractor logMel(geometry.sampleRate, geometry.melBins, geometry.windowMs, geometry.hopMs);
  std::vector<float> pcm(audio.size());
  for (size_t i = 0; i < audio.size(); ++i) pcm[i] = static_cast<float>(audio[i]) * (1.0f / 32768.0f);
  const std::vector<float> mel = pcm.empty() ? std::vector<float>() : titleLogMel(logMel, pcm);
  const int melFrames = pcm.empty() ? 0 : logMel.frameCount(pcm.size());
  // Stored frame-major ([frames, mels]) so a clip's frames are one contiguous run.
  std::vector<std::int16_t> melStored(mel.size());
  for (int m = 0; m < geometry.melBins; ++m)
    for (int f = 0; f < melFrames; ++f)
      melStored[static_cast<size_t>(f) * geometry.melBins + m] = static_cast<std::int16_t>(
          std::lrint(std::clamp(mel[static_cast<size_t>(m) * melFrames + f] * kMelScale, -32768.0f, 32767.0f)));
  header.melBins = geometry.melBins;
  header.hopSamples = logMel.hop();
  header.windowSamples = logMel.fftSize();
  header.melFrames = melFrames;

  header.indexOffset = offset;
  out.writeAt(header.indexOffset, index.data(), index.size() * sizeof(FrameEntry));
  header.audioOffset = header.indexOffset + index.size() * sizeof(FrameEntry);
  out.writeAt(header.audioOffset, audio.data(), audio.size() * sizeof(std::int16_t));
  header.melOffset = header.audioOffset + audio.size() * sizeof(std::int16_t);
  out.writeAt(header.melOffset, melStored.data(), melStored.size() * sizeof(std::int16_t));
  header.fileSize = header.melOffset + melStored.size() * sizeof(std::int16_t);
  header.headerCrc = headerCrc(header);
  out.writeAt(0, &header, sizeof header);
  // The decoder read the file it opened; if the path now names another file or other bytes, what it
  // read may be neither the old title nor the new one.
  if (!(identityOf(title.path) == source))
    throw Error(ErrorKind::Input, title.path + ": was replaced or changed while it was being prepared; nothing was "
                             "cached. Import it again, then prepare");
  out.commit(file);

  PreparedTitleSummary summary;
  summary.frames = frameCount;
  summary.samples = sampleCount;
  summary.bytes = header.fileSize;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return summary;
}

}  // namespace binge
