#pragma once
// Reads the video of a file front to back as RGB24 frames at its own size, through the FFmpeg
// libraries. Small and sequential on purpose: the world benchmark reads whole demo titles once and
// needs no seeking, so it does not wait on the general clip decoder of core/media.
// Thread-safety: one reader per thread.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace binge::demo {

class DemoFrameReader {
 public:
  // Throws media::MediaError naming the file when it cannot be opened or has no video stream.
  explicit DemoFrameReader(const std::string& path);
  ~DemoFrameReader();
  DemoFrameReader(const DemoFrameReader&) = delete;
  DemoFrameReader& operator=(const DemoFrameReader&) = delete;

  int width() const;
  int height() const;
  double fps() const;

  // The next frame as width*height*3 bytes; false at the end of the stream.
  bool next(std::vector<std::uint8_t>& rgb);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binge::demo
