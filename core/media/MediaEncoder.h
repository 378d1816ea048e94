#pragma once
// Writes a media file through the FFmpeg libraries from raw RGB frames and float audio: H.264 (libx264)
// + AAC in .mp4 by default. Used by the demo world and by tests that need real encoded fixtures.
//
// Output is deterministic: x264 runs with a fixed thread count and both the muxer and the encoders
// are put in bit-exact mode (no library version strings, no creation time), so the same input gives
// the same bytes on the same FFmpeg/x264 build.
//
// Thread-safety: one encoder per thread; different encoders may run in parallel.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace binge::media {

struct EncoderOptions {
  std::string container = "mp4";      // FFmpeg muxer name; explicit so that temp names like x.mp4.part work
  std::string videoCodec = "libx264";
  std::string x264Preset = "veryfast";
  int crf = 23;
  int gopFrames = 0;                  // keyframe interval; 0 = 2 seconds
  int x264Threads = 1;                // fixed: x264's output depends on its thread count
  std::string audioCodec = "aac";
  int audioBitrate = 64000;           // bits/s for all channels together
};

class MediaEncoder {
 public:
  MediaEncoder();
  ~MediaEncoder();
  MediaEncoder(const MediaEncoder&) = delete;
  MediaEncoder& operator=(const MediaEncoder&) = delete;

  // Creates the file and both streams. fps must be a whole number; sampleRate/channels = 0 → no audio.
  // Throws MediaError naming the path and FFmpeg's reason.
  void open(const std::string& path, int width, int height, int fps, int sampleRate, int channels,
            const EncoderOptions& options = {});

  // One frame of packed RGB24, width*height*3 bytes, row-major. Frame i is shown at i/fps seconds.
  void writeVideoFrame(const std::uint8_t* rgb);
  // Interleaved float samples in [-1, 1], `frames` per channel. Sample j is played at j/sampleRate s.
  void writeAudio(const float* interleaved, std::size_t frames);
  // Flushes both encoders, writes the trailer and closes the file. Must be called for a valid file;
  // a destroyed encoder without finish() leaves a truncated file behind.
  void finish();

  std::int64_t videoFramesWritten() const;
  std::int64_t audioFramesWritten() const;  // samples per channel
  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binge::media
