#pragma once
// The clip windows of a library: per trainable title, windows of the clip length at a stride
// (docs/architecture.md, Sampling). Titles that cannot be trained on are kept out with their reason.
#include "library/Library.h"

#include <cstdint>
#include <string>
#include <vector>

namespace binge {

struct IndexedTitle {
  int titleIndex = -1;     // into Library::titles
  std::string id;
  std::string series;      // empty for movies
  double duration = 0.0;
  int windowCount = 0;     // windows start at k * stride, k < windowCount
};

struct ExcludedTitle {
  std::string id;
  std::string path;
  std::string reason;
};

struct ClipWindow {
  int entry = -1;          // index into ClipIndex::titles()
  int window = -1;         // window number within the title
  double start = 0.0;      // seconds
};

class ClipIndex {
 public:
  // clipSeconds: the length a clip needs (max of video and audio span); stride 0 = clipSeconds.
  ClipIndex(const Library& library, double clipSeconds, double strideSeconds = 0.0);

  const std::vector<IndexedTitle>& titles() const { return titles_; }
  const std::vector<ExcludedTitle>& excluded() const { return excluded_; }
  double clipSeconds() const { return clipSeconds_; }
  double strideSeconds() const { return stride_; }
  std::int64_t windowCount() const { return totalWindows_; }
  double windowStart(int window) const { return window * stride_; }

  // Deterministic split by title: a share of the titles (at least one when there are two or more)
  // goes to validation. Returns {train, validation} indexes restricted to those titles.
  std::pair<ClipIndex, ClipIndex> splitByTitle(double validationShare, std::uint64_t seed) const;

 private:
  ClipIndex() = default;
  void add(const IndexedTitle& title);

  std::vector<IndexedTitle> titles_;
  std::vector<ExcludedTitle> excluded_;
  double clipSeconds_ = 1.0;
  double stride_ = 1.0;
  std::int64_t totalWindows_ = 0;
};

}  // namespace binge
