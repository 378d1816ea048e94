// The prepared-cache reader: a cache file torn by a crash, damaged on disk or written by something else
// must be refused as CacheInvalid, never read out of bounds. The fuzz build skips the header and frame
// checksums (BINGE_FUZZING) so that mutated files reach the section reader behind them.
#include "FuzzTarget.h"
#include "FuzzFixtures.h"
#include "MemoryFile.h"

#include "data/PreparedTitle.h"

#include <algorithm>
#include <exception>
#include <vector>

BINGE_FUZZ_TARGET(cache) {
  const binge::fuzz::MemoryFile file(data, size, "title.bcache");
  try {
    const binge::PreparedTitle title(file.path(), binge::fuzz::seedCacheSource(), binge::fuzz::seedCacheGeometry());
    binge::JpegDecoder decoder;
    const int frames = std::min(title.frameCount(), 3);
    // The caller sizes its buffers from the header, as the clip loader does; a header this damaged would
    // make any caller allocate without end, so the target stops there.
    const double bytes = double(frames) * title.width() * title.height() * 3;
    if (title.width() > 0 && title.height() > 0 && bytes < double(64 << 20)) {
      std::vector<std::uint8_t> rgb(static_cast<std::size_t>(bytes)), yuv(rgb.size());
      title.readFrames(0, frames, decoder, rgb.data());
      title.readFramesYuv420(title.frameCount() - 1, frames, decoder, yuv.data());
    }
    std::vector<float> audio(4000);
    title.readAudio(title.sampleCount() - 2000, 4000, audio.data());
    std::vector<float> mel(static_cast<std::size_t>(std::max(title.melBins(), 0)) * 50);
    if (!mel.empty()) title.readLogMel(-10, 50, mel.data());
  } catch (const std::exception&) {
  }
  return 0;
}
