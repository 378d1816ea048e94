#pragma once
// Imports media files and folders into a library: probes each file by content on worker threads,
// names it (TitleNaming), and records ok / warning / error with a human message (docs/architecture.md, Files).
//
// Incremental: a file whose path, size and mtime match a title already in the library is not probed
// again. A changed file is re-probed; fields the user edited (name, kind, series) are kept.
// Status rules: no video stream, zero duration, a still image or undecodable video = error; no audio
// stream = warning (browsable, excluded from training).
// Thread-safety: one import at a time per importer; the progress callback is serialised but may be
// called from a worker thread.
#include "library/Library.h"

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace binge {

struct ImportOptions {
  int threads = 2;           // probing threads
  bool checkDecode = true;   // decode the first video frame of every probed file
};

struct ImportProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::string path;          // the file just finished
};

struct ImportIssue {
  std::string path;
  std::string reason;
};

struct ImportReport {
  std::size_t filesSeen = 0;
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;       // skipped: same size and mtime as before
  std::vector<ImportIssue> errors;    // every file that cannot be used, with its reason
  std::vector<ImportIssue> warnings;  // usable for browsing, not for training
  bool cancelled = false;
};

class LibraryImporter {
 public:
  using ProgressCallback = std::function<void(const ImportProgress&)>;

  explicit LibraryImporter(ImportOptions options = {});
  void setProgressCallback(ProgressCallback callback);
  // Checked between files; files not yet started when it turns true are left out.
  void setCancelFlag(const std::atomic<bool>* cancel);

  // Adds or updates titles of `library` for every file under `paths` (files, or folders searched
  // recursively). Paths that do not exist are reported as errors (callers wanting a usage error check
  // first). The library file is the caller's to save.
  ImportReport import(Library& library, const std::vector<std::filesystem::path>& paths);

  // The files an import of `paths` would look at, sorted. Hidden entries and side files (subtitles,
  // pictures, text) in folders are skipped; a folder named like a media file is an issue, not a folder.
  static std::vector<std::filesystem::path> collectFiles(const std::vector<std::filesystem::path>& paths,
                                                         std::vector<ImportIssue>& issues);

  // One probed title (no library involved): used by import, and by tests.
  static Title probeTitle(const std::filesystem::path& file, bool checkDecode = true);

 private:
  ImportOptions options_;
  ProgressCallback progress_;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace binge
