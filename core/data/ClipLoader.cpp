#include "data/ClipLoader.h"

#include "media/ClipDecoder.h"
#include "runtime/Log.h"

#include <cmath>

namespace binge {
namespace {
constexpr size_t kOpenDecoders = 4;  // direct decoding keeps this many titles open per thread
}

ClipLoader::ClipLoader(const Library& library, std::string cacheFolder, CacheGeometry geometry, ClipSpec spec)
    : library_(library),
      cacheFolder_(std::move(cacheFolder)),
      geometry_(geometry),
      spec_(spec),
      logMel_(spec.sampleRate, spec.melBins, spec.windowMs, spec.hopMs) {
  spec_.shortSide = geometry.shortSide;
}

ClipLoader::~ClipLoader() = default;

std::shared_ptr<PreparedTitle> ClipLoader::preparedFor(int titleIndex) {
  auto it = prepared_.find(titleIndex);
  if (it != prepared_.end()) return it->second;
  std::shared_ptr<PreparedTitle> prepared;
  if (!cacheFolder_.empty()) {
    const Title& title = library_.titles[static_cast<size_t>(titleIndex)];
    try {
      prepared = std::make_shared<PreparedTitle>(std::filesystem::path(cacheFolder_) / (title.id + ".bcache"), title, geometry_);
    } catch (const CacheInvalid& e) {
      log(LogLevel::Debug, std::string("decoding directly: ") + e.what());
    }
  }
  prepared_[titleIndex] = prepared;
  return prepared;
}

bool ClipLoader::isPrepared(int titleIndex) { return preparedFor(titleIndex) != nullptr; }

media::ClipDecoder& ClipLoader::decoderFor(int titleIndex) {
  for (auto it = decoders_.begin(); it != decoders_.end(); ++it) {
    if (it->first == titleIndex) {
      decoders_.splice(decoders_.begin(), decoders_, it);
      return *decoders_.front().second;
    }
  }
  media::ClipDecoderOptions options;
  options.codecThreads = 1;  // the pipeline already runs one loader per core
  decoders_.emplace_front(titleIndex,
                          std::make_unique<media::ClipDecoder>(library_.titles[static_cast<size_t>(titleIndex)].path, options));
  if (decoders_.size() > kOpenDecoders) decoders_.pop_back();
  return *decoders_.front().second;
}

DecodedClip ClipLoader::loadFromCache(const PreparedTitle& prepared, double start) {
  DecodedClip clip;
  clip.start = start;
  clip.frames = spec_.frames;
  clip.width = prepared.width();
  clip.height = prepared.height();
  const size_t frameBytes = cacheOutput_.yuv420 ? clip.yuvFrameBytes() : static_cast<size_t>(clip.width) * clip.height * 3;
  std::vector<std::uint8_t>& frames = cacheOutput_.yuv420 ? clip.yuv420 : clip.rgb;
  frames.resize(static_cast<size_t>(clip.frames) * frameBytes);
  // Cache frame k shows the source at k / cacheFps; output frame i wants start + i / fps.
  for (int i = 0; i < clip.frames; ++i) {
    const double time = start + i / spec_.fps;
    const int k = static_cast<int>(std::floor(time * prepared.fps() + 1e-6));
    std::uint8_t* out = frames.data() + i * frameBytes;
    clip.videoPastEnd |= cacheOutput_.yuv420 ? prepared.readFramesYuv420(k, 1, jpeg_, out) : prepared.readFrames(k, 1, jpeg_, out);
    clip.framePts.push_back(std::min(k, prepared.frameCount() - 1) / prepared.fps());
  }
  clip.hasAudio = prepared.sampleCount() > 0;
  const std::int64_t first = std::llround(start * prepared.sampleRate());
  const std::int64_t samples = static_cast<std::int64_t>(clipSamples());
  if (cacheOutput_.waveform) {
    clip.audio.resize(static_cast<size_t>(samples));
    clip.audioPadded = prepared.readAudio(first, samples, clip.audio.data());
  } else {
    clip.audioPadded = first < 0 || first + samples > prepared.sampleCount();
  }
  return clip;
}

DecodedClip ClipLoader::load(int titleIndex, double start, float audioGain) {
  DecodedClip clip;
  std::shared_ptr<PreparedTitle> prepared = preparedFor(titleIndex);
  if (prepared) {
    try {
      clip = loadFromCache(*prepared, start);
      ++stats_.fromCache;
    } catch (const CacheInvalid& e) {
      // A damaged cache file: move it aside so the next prepare rebuilds it, and decode directly.
      const Title& title = library_.titles[static_cast<size_t>(titleIndex)];
      const auto file = std::filesystem::path(cacheFolder_) / (title.id + ".bcache");
      std::error_code ignored;
      std::filesystem::rename(file, file.string() + ".damaged", ignored);
      logWarning(std::string(e.what()) + "; decoding " + title.path + " directly until it is prepared again");
      prepared_[titleIndex] = nullptr;
      prepared.reset();
    }
  }
  if (!prepared) {
    ClipSpec spec = spec_;
    spec.melBins = 0;  // the log-mel is computed below, after the gain
    clip = decoderFor(titleIndex).decode(start, spec);
    ++stats_.decodedDirectly;
    // A title without sound (a video-only probe file) gives a silent clip of the usual length, so its
    // log-mel has the shape every consumer expects.
    if (!clip.hasAudio && clip.audio.empty()) clip.audio.assign(clipSamples(), 0.0f);
  }
  if (audioGain != 1.0f)
    for (float& s : clip.audio) s *= audioGain;
  clip.melBins = logMel_.melBins();
  // A model-input clip from the cache has no waveform: count frames from the clip's length.
  clip.melFrames = logMel_.frameCount(prepared ? clipSamples() : clip.audio.size());
  if (prepared) {
    // The title's log-mel was computed at prepare time: read the clip's frames. A gain g scales
    // power by g², i.e. adds 2·ln g to the log (exact except where power is near the 1e-6 floor).
    // The clip's edge frames see the neighbouring audio instead of reflect padding.
    const std::int64_t firstFrame = std::llround(start * spec_.sampleRate / logMel_.hop());
    clip.logMel.resize(static_cast<size_t>(clip.melBins) * clip.melFrames);
    prepared->readLogMel(firstFrame, clip.melFrames, clip.logMel.data(), 2.0f * std::log(audioGain));
  } else {
    clip.logMel = logMel_.compute(clip.audio);
  }
  return clip;
}

}  // namespace binge
