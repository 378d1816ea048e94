#pragma once
// Turns a decoded clip into the model's input, with training augmentation or evaluation's fixed view.
//
// Video (parameters drawn once per clip, identical for all of its frames):
//   training: random resized crop (area 40–100 % of the frame, aspect 3/4–4/3) to crop × crop,
//             horizontal flip with p = 0.5, colour jitter (brightness, contrast, saturation ±0.3)
//   evaluation: centre crop × crop (scaled only if the frame's short side is smaller than crop)
//   then per channel (x / 255 − mean) / std with the Kinetics statistics used by the field.
// Audio: training scales the waveform by a gain in [0.5, 1.5] before the log-mel (volume jitter) and,
//   when masking is on, zeroes one time band (≤ 10 frames) and one frequency band (≤ 8 bins) of the
//   log-mel to its minimum (SpecAugment style); evaluation does neither.
// Deterministic: the random parameters come from the generator passed in, seeded per clip by the
// pipeline, so the same seed gives the same batch whatever thread loads it. Torch-free.
#include "media/DecodedClip.h"

#include <cstdint>
#include <random>
#include <vector>

namespace binge {

// Per-channel (R, G, B) normalisation of video values in [0, 1]: the Kinetics statistics used by the
// field (and by the exported encoders' input contract).
inline constexpr float kVideoMean[3] = {0.43216f, 0.394666f, 0.37645f};
inline constexpr float kVideoStd[3] = {0.22803f, 0.22145f, 0.216989f};

struct AugmentOptions {
  int cropSize = 64;
  bool train = true;
  bool audioMasking = false;
};

struct VideoView {
  float x0 = 0, y0 = 0, width = 0, height = 0;  // source rectangle, pixels
  bool flip = false;
  float brightness = 1, contrast = 1, saturation = 1;
};

class ClipAugmenter {
 public:
  explicit ClipAugmenter(AugmentOptions options) : options_(options) {}

  VideoView drawView(int frameWidth, int frameHeight, std::mt19937_64& rng) const;
  // Writes [3, T, crop, crop] RGB floats (channel-major) for the clip's frames, from its RGB frames or
  // from its YCbCr 4:2:0 planes (converted after resampling; equal to the RGB route within JPEG's
  // own rounding of the conversion and chroma upsampling).
  void video(const DecodedClip& clip, const VideoView& view, float* out) const;
  float audioGain(std::mt19937_64& rng) const;
  // In place on a [mels, frames] log-mel.
  void maskSpectrogram(std::vector<float>& logMel, int mels, int frames, std::mt19937_64& rng) const;
  const AugmentOptions& options() const { return options_; }

 private:
  AugmentOptions options_;
};

}  // namespace binge
