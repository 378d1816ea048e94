// Media probing and clip decoding on arbitrary bytes: what `import` and `prepare` do with every file a
// user points them at. A file FFmpeg cannot make sense of must give a MediaError naming it.
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "media/ClipDecoder.h"
#include "media/MediaProbe.h"
#include "runtime/Log.h"

#include <algorithm>
#include <cmath>
#include <exception>


BINGE_FUZZ_TARGET(media) {
  static const bool quiet = [] {
    binge::setLogLevel(binge::LogLevel::Error);  // FFmpeg's warnings about the bytes are expected
    return true;
  }();
  (void)quiet;
  const binge::fuzz::MemoryFile file(data, size, "title.mp4");
  try {
    (void)binge::media::probeMedia(file.path(), true);
  } catch (const std::exception&) {
  }
  try {
    binge::media::ClipDecoder decoder(file.path(), {1});
    binge::ClipSpec spec;
    spec.frames = 4;
    spec.fps = 8;
    spec.shortSide = 16;
    spec.audioSeconds = 0.5;
    spec.melBins = 16;
    const double duration = decoder.info().duration;
    const double later = std::isfinite(duration) && duration > 1 ? std::min(duration * 0.6, 3600.0) : 0.25;
    (void)decoder.decode(0, spec);
    (void)decoder.decode(later, spec);  // a seek
    (void)decoder.decode(later + 0.1, spec);  // forward from there
  } catch (const std::exception&) {
  }
  return 0;
}
