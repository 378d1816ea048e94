#pragma once
// A labelled probe set on disk (DESIGN.md §7): one sub-folder per class, media files inside (the layout
// of UCF101- and ESC-50-style sets). Where the set's source titles are known — a demo world's
// ground_truth.json next to the probe folder names the show of every probe clip — items carry that
// group so probes can split by source and never put clips of one show on both sides. Torch-free.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace binge {

struct ProbeItem {
  std::string path;   // absolute
  int label = -1;     // index into ProbeSet::classes
  std::string group;  // source title/show; empty when unknown
};

struct ProbeSet {
  std::filesystem::path root;
  std::vector<std::string> classes;  // sorted folder names
  std::vector<ProbeItem> items;      // sorted by class, then file name
  bool groupsKnown() const;          // every item has a group
};

struct ProbeSetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws ProbeSetError naming the folder when it is missing, has fewer than two class folders or a
// class without files. Hidden files and files that are not media by extension are skipped.
ProbeSet loadProbeSet(const std::filesystem::path& folder);

}  // namespace binge
