#pragma once
// A labelled probe set on disk (docs/architecture.md, Evaluation), in one of the layouts the field uses:
// - folders: one sub-folder per class, media files inside (the demo's probe set, UCF101-style sets);
// - ESC-50: audio/*.wav with labels, folds and source recordings in meta/esc50.csv;
// - UCF101: class folders plus the official split lists (ucfTrainTestlist/testlist0{1,2,3}.txt beside or
//   inside the folder): each list's files form one fold, and the _gNN_ group of a file name its source.
// Files may hold video, audio or both (mp4, mkv, avi, wav, flac, ogg, mp3, m4a, …); which modalities a
// probe can run is decided once the files are probed (eval/FeatureExtractor.h). Where the set's source
// titles are known — a demo world's ground_truth.json next to the probe folder names the show of every
// probe clip, ESC-50 its source recording, UCF101 its group — items carry that group so probes can split
// by source and never put clips of one source on both sides. Torch-free.
#include "runtime/Error.h"
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace binge {

struct ProbeItem {
  std::string path;   // absolute
  int label = -1;     // index into ProbeSet::classes
  std::string group;  // source title/show/recording; empty when unknown
  int fold = -1;      // the layout's official fold (0-based); -1 when it gives none
};

struct ProbeSet {
  std::filesystem::path root;
  std::string layout = "folders";    // folders | esc50 | ucf101
  std::vector<std::string> classes;  // sorted
  std::vector<ProbeItem> items;      // sorted by class, then file name
  bool groupsKnown() const;          // every item has a group
  bool foldsGiven() const;           // every item has an official fold
};

struct ProbeSetError : Error {
  explicit ProbeSetError(const std::string& message) : Error(ErrorKind::Input, message) {}
};

// Throws ProbeSetError naming the folder (or the list file and line) when it is missing, has fewer
// than two classes, a class without files, or a list names a file that is not there. Hidden files and
// files that are not media by extension are skipped.
ProbeSet loadProbeSet(const std::filesystem::path& folder);

// True for the file extensions a probe set may hold (video and audio containers).
bool looksLikeMedia(const std::filesystem::path& file);

}  // namespace binge
