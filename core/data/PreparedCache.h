#pragma once
// The prepared clip cache of a library: one file per title under a folder named by the geometry, so
// caches of different presets live side by side. Prepare skips titles whose cache is valid, so an
// interrupted prepare resumes where it stopped; each title's file appears atomically.
#include "data/CacheFormat.h"
#include "data/PreparedTitle.h"
#include "library/Library.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace binge {

struct CacheCheck {
  bool valid = false;
  std::string reason;  // why not (missing, stale, damaged)
};

struct PrepareFailure {
  std::string titleId;
  std::string path;
  std::string reason;
};

struct PrepareReport {
  int prepared = 0;        // written now
  int upToDate = 0;        // already valid, skipped
  int skipped = 0;         // not trainable (no audio, errors): not prepared
  std::vector<PrepareFailure> failures;
  bool cancelled = false;
  std::string diskFull;    // the full-disk error that stopped the prepare ("" when none)
  std::uint64_t bytes = 0; // size of the cache files of all prepared titles
  double sourceSeconds = 0.0;
  double wallSeconds = 0.0;
};

struct PrepareProgress {
  int titleNumber = 0;     // 1-based, of `titles`
  int titles = 0;
  std::string titleId;
  double titleFraction = 0.0;
};

class PreparedCache {
 public:
  PreparedCache(std::filesystem::path folder, CacheGeometry geometry);

  // <library folder>/.binge-cache/<geometry key>
  static std::filesystem::path defaultFolder(const std::filesystem::path& libraryFile, const CacheGeometry& geometry);

  const std::filesystem::path& folder() const { return folder_; }
  const CacheGeometry& geometry() const { return geometry_; }
  std::filesystem::path fileFor(const Title& title) const;
  CacheCheck check(const Title& title) const;

  // A lower bound of the cache file's size for a title: its PCM, log-mel and frame index exactly, its
  // JPEG frames at a size few real frames go below. Prepare refuses to start when even this does not fit.
  std::uint64_t minimumBytesFor(const Title& title) const;

  // Prepares every trainable title whose cache is not valid, `threads` titles at a time. Temporary
  // files left by a killed prepare are removed first. Throws DiskFullError before any work when the
  // titles' minimum size exceeds the free space; a write that runs out of space stops all titles at
  // once (report.diskFull), its temporary file removed.
  PrepareReport prepare(const Library& library, const std::function<void(const PrepareProgress&)>& progress = {},
                        const std::atomic<bool>* cancel = nullptr, int threads = 1) const;

 private:
  std::filesystem::path folder_;
  CacheGeometry geometry_;
};

}  // namespace binge
