#pragma once
// A decoded clip: video frames as uint8 RGB [T,H,W,3] (or YCbCr 4:2:0 planes) and mono float audio
// with its log-mel spectrogram [mels, frames]. Plain data, safe to move across threads.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace binge {

struct DecodedClip {
  double start = 0.0;                // seconds
  // Video: rgb.size() == frames * height * width * 3, row-major [T,H,W,3].
  int frames = 0;
  int height = 0;
  int width = 0;
  std::vector<std::uint8_t> rgb;
  // Or, instead of rgb (which is then empty), planar YCbCr 4:2:0 as JPEG stores it (full-range
  // BT.601): per frame the Y plane (width × height), then Cb and Cr (chromaWidth() × chromaHeight()
  // each). The prepared cache hands frames to the training pipeline this way when asked, so that
  // the crop is resampled before colour conversion and JPEG's own upsampling and conversion are skipped.
  std::vector<std::uint8_t> yuv420;
  std::vector<double> framePts;      // presentation time (s) of the source frame behind each output frame
  bool videoPastEnd = false;         // some frames repeat the last frame because the clip runs past the end
  // Audio: mono samples at the spec's rate covering exactly [start, start + audioSeconds).
  std::vector<float> audio;
  bool audioPadded = false;          // zeros were inserted where the stream has no samples
  bool hasAudio = false;             // the title has an audio stream at all
  // Log-mel: logMel.size() == melBins * melFrames, row-major [mels, frames].
  int melBins = 0;
  int melFrames = 0;
  std::vector<float> logMel;

  const std::uint8_t* frame(int t) const { return rgb.data() + static_cast<std::size_t>(t) * height * width * 3; }

  bool isYuv420() const { return !yuv420.empty(); }
  int chromaWidth() const { return (width + 1) / 2; }
  int chromaHeight() const { return (height + 1) / 2; }
  std::size_t yuvFrameBytes() const {
    return static_cast<std::size_t>(width) * height + 2 * static_cast<std::size_t>(chromaWidth()) * chromaHeight();
  }
  const std::uint8_t* lumaPlane(int t) const { return yuv420.data() + static_cast<std::size_t>(t) * yuvFrameBytes(); }
  const std::uint8_t* cbPlane(int t) const { return lumaPlane(t) + static_cast<std::size_t>(width) * height; }
  const std::uint8_t* crPlane(int t) const {
    return cbPlane(t) + static_cast<std::size_t>(chromaWidth()) * chromaHeight();
  }
};

}  // namespace binge
