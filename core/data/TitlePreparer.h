#pragma once
// Writes the prepared cache file of one title: decodes the title once, front to back, with the clip
// decoder's forward path (no seeks after the first), stores frames at the geometry's fps and short
// side as JPEG and the audio as 16-bit mono PCM (see CacheFormat.h for the layout).
#include "runtime/Error.h"
#include "data/CacheFormat.h"
#include "library/Title.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <stdexcept>

namespace binge {

// The user withdrew the request: a usage error, not a failure.
struct PrepareCancelled : Error {
  PrepareCancelled() : Error(ErrorKind::Usage, "prepare cancelled") {}
};

struct PreparedTitleSummary {
  int frames = 0;
  std::int64_t samples = 0;
  std::uint64_t bytes = 0;
  double seconds = 0.0;  // wall time
};

// progress(fraction of the title done). Writes `file`.partial, then renames it to `file`.
// Throws MediaError / std::runtime_error naming the source on failure, PrepareCancelled when
// *cancel becomes true; neither leaves a file behind under the final name.
PreparedTitleSummary prepareTitle(const Title& title, const CacheGeometry& geometry, const std::filesystem::path& file,
                                  const std::function<void(double)>& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);

}  // namespace binge
