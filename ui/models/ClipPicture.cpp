#include "ClipPicture.h"

#include <algorithm>
#include <cmath>

namespace binge::ui {

ClipPicture makeClipPicture(const DecodedClip& clip, const ClipSpec& spec) {
  ClipPicture p;
  p.start = clip.start;
  p.frameCount = clip.frames;
  p.frameWidth = clip.width;
  p.frameHeight = clip.height;
  if (clip.frames > 0 && clip.width > 0 && clip.height > 0) {
    p.frames = QImage(clip.width * clip.frames, clip.height, QImage::Format_RGB888);
    const int rowBytes = clip.width * 3;
    for (int t = 0; t < clip.frames; ++t) {
      const std::uint8_t* src = clip.frame(t);
      for (int y = 0; y < clip.height; ++y)
        std::copy_n(src + y * rowBytes, rowBytes, p.frames.scanLine(y) + t * rowBytes);
    }
  }
  p.logMel = clip.logMel;
  p.melBins = clip.melBins;
  p.melFrames = clip.melFrames;
  p.audio = clip.audio;
  p.sampleRate = spec.sampleRate;
  p.audioSeconds = spec.audioSeconds;
  p.videoSeconds = spec.videoSeconds();
  p.hasAudio = clip.hasAudio;
  return p;
}

QRgb heatColor(double value) {
  // Viridis at five stops, linearly interpolated: dark blue (quiet) to yellow (loud).
  static const int stops[5][3] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  const double v = std::clamp(value, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(v));
  const double f = v - i;
  auto mix = [&](int c) { return static_cast<int>(std::lround(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]))); };
  return qRgb(mix(0), mix(1), mix(2));
}

QImage spectrogramImage(const ClipPicture& picture, int height) {
  if (picture.melBins <= 0 || picture.melFrames <= 0) return {};
  const auto [lo, hi] = std::minmax_element(picture.logMel.begin(), picture.logMel.end());
  const double range = std::max(1e-6, static_cast<double>(*hi - *lo));
  QImage image(picture.melFrames, picture.melBins, QImage::Format_RGB32);
  for (int m = 0; m < picture.melBins; ++m) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(picture.melBins - 1 - m));
    for (int f = 0; f < picture.melFrames; ++f)
      line[f] = heatColor((picture.logMel[static_cast<size_t>(m) * picture.melFrames + f] - *lo) / range);
  }
  return image.scaled(std::max(1, picture.melFrames * height / picture.melBins), height, Qt::IgnoreAspectRatio,
                      Qt::SmoothTransformation);
}

}  // namespace binge::ui
