#pragma once
// Loads one clip of a library title the fastest way available: from the prepared cache when the
// title's cache file is valid, else by decoding the source directly (the same frame size either
// way: the cache geometry's short side). One loader per worker thread (it owns a JPEG decoder,
// decoders of recently used titles and the log-mel tables).
#include "data/CacheFormat.h"
#include "data/JpegCodec.h"
#include "data/PreparedTitle.h"
#include "library/Library.h"
#include "media/ClipSpec.h"
#include "media/DecodedClip.h"
#include "media/LogMel.h"

#include <cmath>
#include <list>
#include <map>
#include <memory>
#include <string>

namespace binge {

namespace media {
class ClipDecoder;
}

struct ClipLoaderStats {
  long fromCache = 0;
  long decodedDirectly = 0;
};

class ClipLoader {
 public:
  // cacheFolder may be empty: every clip is then decoded directly. spec.shortSide should equal the
  // cache geometry's short side (the pipeline sets it so).
  ClipLoader(const Library& library, std::string cacheFolder, CacheGeometry geometry, ClipSpec spec);
  ~ClipLoader();

  // audioGain scales the waveform before the log-mel (volume jitter). Throws (MediaError,
  // CacheInvalid, …) naming the file when the clip cannot be loaded.
  DecodedClip load(int titleIndex, double start, float audioGain = 1.0f);
  // What a clip read from the cache carries. Model inputs (the training pipeline, feature extraction)
  // go through ClipAugmenter, which takes YCbCr 4:2:0 planes (DecodedClip::yuv420) and resamples them
  // before converting colour, and need the log-mel but not the waveform; viewers want RGB and the
  // waveform (the default). Directly decoded clips are always RGB with their waveform.
  struct CacheOutput {
    bool yuv420 = false;
    bool waveform = true;
  };
  static constexpr CacheOutput kModelInput{true, false};
  void setCacheOutput(CacheOutput output) { cacheOutput_ = output; }
  bool isPrepared(int titleIndex);
  const ClipLoaderStats& stats() const { return stats_; }

 private:
  DecodedClip loadFromCache(const PreparedTitle& prepared, double start);
  size_t clipSamples() const { return static_cast<size_t>(std::lround(spec_.audioSeconds * spec_.sampleRate)); }
  media::ClipDecoder& decoderFor(int titleIndex);
  std::shared_ptr<PreparedTitle> preparedFor(int titleIndex);

  const Library& library_;
  std::string cacheFolder_;
  CacheGeometry geometry_;
  ClipSpec spec_;
  JpegDecoder jpeg_;
  media::LogMelExtractor logMel_;
  std::map<int, std::shared_ptr<PreparedTitle>> prepared_;  // null entry: checked, not prepared
  std::list<std::pair<int, std::unique_ptr<media::ClipDecoder>>> decoders_;  // most recent first
  ClipLoaderStats stats_;
  CacheOutput cacheOutput_;
};

}  // namespace binge
