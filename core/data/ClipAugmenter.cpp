#include "data/ClipAugmenter.h"

#include <algorithm>
#include <cmath>

namespace binge {
namespace {
constexpr float kMean[3] = {0.43216f, 0.394666f, 0.37645f};
constexpr float kStd[3] = {0.22803f, 0.22145f, 0.216989f};

// Bilinear sampling positions along one axis: for output i, the two source indices and the weight
// of the second.
struct Tap {
  int a, b;
  float w;
};
std::vector<Tap> taps(float origin, float extent, int outSize, int sourceSize, bool reverse) {
  std::vector<Tap> result(static_cast<size_t>(outSize));
  const float scale = extent / static_cast<float>(outSize);
  for (int i = 0; i < outSize; ++i) {
    const int o = reverse ? outSize - 1 - i : i;
    float s = origin + (static_cast<float>(o) + 0.5f) * scale - 0.5f;
    s = std::clamp(s, 0.0f, static_cast<float>(sourceSize - 1));
    const int a = static_cast<int>(s);
    const int b = std::min(a + 1, sourceSize - 1);
    result[static_cast<size_t>(i)] = {a, b, s - static_cast<float>(a)};
  }
  return result;
}
}  // namespace

VideoView ClipAugmenter::drawView(int frameWidth, int frameHeight, std::mt19937_64& rng) const {
  VideoView view;
  const float w = static_cast<float>(frameWidth), h = static_cast<float>(frameHeight);
  const float crop = static_cast<float>(options_.cropSize);
  if (!options_.train) {
    // crop × crop pixels from the centre, unscaled; a frame smaller than that is scaled up.
    const float side = std::min({w, h, crop});
    view.width = view.height = side;
    view.x0 = (w - side) / 2;
    view.y0 = (h - side) / 2;
    return view;
  }
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  const float area = w * h * (0.4f + 0.6f * unit(rng));
  const float logAspect = std::log(3.0f / 4.0f) + unit(rng) * (std::log(4.0f / 3.0f) - std::log(3.0f / 4.0f));
  const float aspect = std::exp(logAspect);
  view.width = std::min(w, std::sqrt(area * aspect));
  view.height = std::min(h, std::sqrt(area / aspect));
  view.x0 = unit(rng) * (w - view.width);
  view.y0 = unit(rng) * (h - view.height);
  view.flip = unit(rng) < 0.5f;
  view.brightness = 0.7f + 0.6f * unit(rng);
  view.contrast = 0.7f + 0.6f * unit(rng);
  view.saturation = 0.7f + 0.6f * unit(rng);
  return view;
}

void ClipAugmenter::video(const DecodedClip& clip, const VideoView& view, float* out) const {
  const int crop = options_.cropSize;
  const auto xs = taps(view.x0, view.width, crop, clip.width, view.flip);
  const auto ys = taps(view.y0, view.height, crop, clip.height, false);
  const size_t plane = static_cast<size_t>(crop) * crop;
  const size_t channelStride = plane * static_cast<size_t>(clip.frames);
  constexpr float kGray[3] = {0.299f, 0.587f, 0.114f};
  float inverseStd[3];
  for (int c = 0; c < 3; ++c) inverseStd[c] = 1.0f / kStd[c];
  std::vector<float> rgb(plane * 3);
  for (int t = 0; t < clip.frames; ++t) {
    // Pass 1: bilinear resample of the view into [0, 1] RGB, and the frame's mean gray.
    const std::uint8_t* frame = clip.frame(t);
    const size_t row = static_cast<size_t>(clip.width) * 3;
    float sum = 0;
    float* px = rgb.data();
    for (int y = 0; y < crop; ++y) {
      const Tap& ty = ys[static_cast<size_t>(y)];
      const std::uint8_t* r0 = frame + static_cast<size_t>(ty.a) * row;
      const std::uint8_t* r1 = frame + static_cast<size_t>(ty.b) * row;
      for (int x = 0; x < crop; ++x, px += 3) {
        const Tap& tx = xs[static_cast<size_t>(x)];
        const std::uint8_t *p00 = r0 + tx.a * 3, *p01 = r0 + tx.b * 3, *p10 = r1 + tx.a * 3, *p11 = r1 + tx.b * 3;
        for (int c = 0; c < 3; ++c) {
          const float top = p00[c] + (p01[c] - p00[c]) * tx.w;
          const float bottom = p10[c] + (p11[c] - p10[c]) * tx.w;
          px[c] = (top + (bottom - top) * ty.w) * (1.0f / 255.0f);
        }
        sum += kGray[0] * px[0] + kGray[1] * px[1] + kGray[2] * px[2];
      }
    }
    // Pass 2: brightness b, contrast c (around the brightened mean gray m) and saturation s are one
    // affine map per pixel: v' = s·α·v + (1 − s)·α·gray(v) + β with α = b·c, β = (1 − c)·b·m; then
    // clamp to [0, 1] and normalise, written channel-planar.
    const float meanGray = sum / static_cast<float>(plane);
    const float alpha = view.brightness * view.contrast;
    const float beta = (1.0f - view.contrast) * view.brightness * meanGray;
    const float own = view.saturation * alpha, mixed = (1.0f - view.saturation) * alpha;
    float* outR = out + static_cast<size_t>(t) * plane;
    float* outG = outR + channelStride;
    float* outB = outG + channelStride;
    const float* v = rgb.data();
    for (size_t p = 0; p < plane; ++p, v += 3) {
      const float gray = mixed * (kGray[0] * v[0] + kGray[1] * v[1] + kGray[2] * v[2]) + beta;
      outR[p] = (std::clamp(own * v[0] + gray, 0.0f, 1.0f) - kMean[0]) * inverseStd[0];
      outG[p] = (std::clamp(own * v[1] + gray, 0.0f, 1.0f) - kMean[1]) * inverseStd[1];
      outB[p] = (std::clamp(own * v[2] + gray, 0.0f, 1.0f) - kMean[2]) * inverseStd[2];
    }
  }
}

float ClipAugmenter::audioGain(std::mt19937_64& rng) const {
  if (!options_.train) return 1.0f;
  return std::uniform_real_distribution<float>(0.5f, 1.5f)(rng);
}

void ClipAugmenter::maskSpectrogram(std::vector<float>& logMel, int mels, int frames, std::mt19937_64& rng) const {
  if (!options_.train || !options_.audioMasking || mels < 1 || frames < 1) return;
  const float floor = *std::min_element(logMel.begin(), logMel.end());
  std::uniform_int_distribution<int> timeWidth(0, std::min(10, frames)), freqWidth(0, std::min(8, mels));
  const int tw = timeWidth(rng), fw = freqWidth(rng);
  const int t0 = std::uniform_int_distribution<int>(0, frames - tw)(rng);
  const int f0 = std::uniform_int_distribution<int>(0, mels - fw)(rng);
  for (int m = 0; m < mels; ++m)
    for (int t = t0; t < t0 + tw; ++t) logMel[static_cast<size_t>(m) * frames + t] = floor;
  for (int m = f0; m < f0 + fw; ++m)
    for (int t = 0; t < frames; ++t) logMel[static_cast<size_t>(m) * frames + t] = floor;
}

}  // namespace binge
