#pragma once
// Renders one planned title (or probe clip) into a real media file: sets, characters who talk,
// theme music, ambience and events, frame by frame through MediaEncoder.
#include "demo/DemoPlan.h"

#include <atomic>
#include <string>

namespace binge::demo {

class TitleRenderer {
 public:
  TitleRenderer(const WorldPlan& world, const ShowDesign& show, const TitlePlan& title);

  // Writes the file at `path` (H.264 + AAC in mp4, whatever its extension). Returns false, leaving a
  // partial file for the caller to remove, when *cancel becomes true. Throws MediaError on I/O errors.
  bool render(const std::string& path, const std::atomic<bool>* cancel = nullptr) const;

 private:
  const WorldPlan& world_;
  const ShowDesign& show_;
  const TitlePlan& title_;
};

}  // namespace binge::demo
