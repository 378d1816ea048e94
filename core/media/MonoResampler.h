#pragma once
// The audio track's resampler: any decoded audio frame (any rate, sample format and channel layout) to
// mono float samples at the clip's rate, appended to a buffer. It follows the stream when its format
// changes mid-file, and starts afresh after a seek (reset), so no samples from before leak in.
#include "media/FfmpegPtr.h"

#include <string>
#include <vector>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace binge::media {

class MonoResampler {
 public:
  MonoResampler() = default;
  ~MonoResampler();
  MonoResampler(const MonoResampler&) = delete;
  MonoResampler& operator=(const MonoResampler&) = delete;

  // Ready for frames like `frame`, at `outRate` Hz out; a no-op while they match the last ones.
  // Throws MediaError naming `path` when FFmpeg refuses.
  void configureFor(const AVFrame* frame, int outRate, const std::string& path);
  // Converts `count` samples of `data` (nullptr, 0: flushes what the resampler holds) onto `out`.
  void append(const uint8_t** data, int count, std::vector<float>& out);
  // Samples (at outRate) the resampler holds back, not yet in `out`.
  int64_t delay(int outRate) const;
  void reset() { swr_.reset(); }
  bool active() const { return swr_ != nullptr; }

 private:
  SwrPtr swr_;
  int inRate_ = 0;
  int inFormat_ = -1;
  int outRate_ = 0;
  AVChannelLayout inLayout_{};
};

}  // namespace binge::media
