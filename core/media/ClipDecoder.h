#pragma once
// Decodes audio-visual clips of one media file, frame-accurately and fast.
//
//  construction   opens the file once (one demuxer for video and audio) and its decoders
//  metadata       info(): what the probe saw
//  decoding       decode(start, spec): frames, audio and log-mel of one clip
//  statistics     stats(): which paths ran (seeks, forward skips, packets and frames)
//
// Frame accuracy: output frame i is the frame a player shows at start + i / fps, i.e. the last
// frame whose presentation timestamp is <= that time (times are seconds from the container's start).
// Audio covers exactly [start, start + audioSeconds) at spec.sampleRate, mono; where the stream has
// no samples (starts late, ends early, gaps) zeros are inserted and the clip says so.
//
// How a clip is decoded (GOP = keyframe K followed by frames that depend on it):
//
//      K . . . . . . K . . . . . . K . . . . . . K
//                  ^seek    [ clip  ]            the seek lands on the keyframe before the start;
//                  decode forward -------->      frames before the start are decoded (they are
//                                                references) but not converted; non-reference
//                                                frames well before the start are not decoded at
//                                                all (AVDISCARD_NONREF); only kept frames are scaled,
//                                                straight to the output size.
// When the next clip starts ahead of the current position by less than a GOP, decoding continues
// forward without a seek (stats().forwardSkips counts those clips). For intra-only codecs (MJPEG)
// packets whose frame no target needs are never sent to the decoder.
//
// Thread-safety: none. Use one decoder per thread; decoders of the same file in different threads
// are independent. Each decoder uses `codecThreads` codec threads.
#include "media/ClipSpec.h"
#include "media/DecodedClip.h"
#include "media/MediaProbe.h"

#include <memory>
#include <string>

namespace binge::media {

struct DecoderStats {
  long seeks = 0;            // demuxer seeks (a clip may need a retry: see `retries`)
  long forwardSkips = 0;     // clips reached by decoding forward from the previous one, no seek
  long retries = 0;          // clips decoded twice (seek landed after the start, or VFR discard guard)
  long packetsRead = 0;      // packets of any stream read from the demuxer
  long packetsSkipped = 0;   // video packets never sent to the decoder (intra-only codecs)
  long framesDecoded = 0;    // video frames out of the decoder
  long framesConverted = 0;  // video frames scaled and converted to RGB
  long audioFramesDecoded = 0;
};

struct ClipDecoderOptions {
  int codecThreads = 2;      // threads per codec context (frame + slice threading)
};

class ClipDecoder {
 public:
  // Throws MediaError naming the file when it cannot be opened or has no decodable stream.
  explicit ClipDecoder(const std::string& path, ClipDecoderOptions options = {});
  ~ClipDecoder();
  ClipDecoder(ClipDecoder&&) noexcept;
  ClipDecoder& operator=(ClipDecoder&&) noexcept;
  ClipDecoder(const ClipDecoder&) = delete;
  ClipDecoder& operator=(const ClipDecoder&) = delete;

  const MediaInfo& info() const;
  const std::string& path() const;

  // One clip starting at `start` seconds. Throws MediaError when no video frame can be decoded
  // there (a damaged file); past the end it repeats the last frame and sets videoPastEnd.
  DecodedClip decode(double start, const ClipSpec& spec);

  const DecoderStats& stats() const;
  void resetStats();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace binge::media
