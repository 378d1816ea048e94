#include "media/ContactSheet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace binge::media {
namespace {

constexpr Rgb kBackground{24, 24, 28};
constexpr Rgb kText{230, 230, 230};
constexpr Rgb kDim{150, 150, 160};
constexpr Rgb kWarn{255, 170, 60};

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// A perceptual-ish dark-to-bright colour ramp (black, purple, orange, pale yellow).
Rgb ramp(double v) {
  v = std::clamp(v, 0.0, 1.0);
  const double stops[4][3] = {{0, 0, 4}, {120, 28, 109}, {237, 105, 37}, {252, 255, 164}};
  const double x = v * 3.0;
  const int i = std::min(2, static_cast<int>(x));
  const double f = x - i;
  auto mix = [&](int c) { return static_cast<std::uint8_t>(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * f); };
  return {mix(0), mix(1), mix(2)};
}

}  // namespace

RgbImage renderContactSheet(const DecodedClip& clip, const ClipSpec& spec, const std::string& title) {
  const double fps = spec.fps;
  const int margin = 10, gap = 6, label = 24, perRow = 8;
  const int cols = std::max(1, std::min(perRow, clip.frames));
  const int rows = clip.frames > 0 ? (clip.frames + perRow - 1) / perRow : 0;
  const int framesWidth = cols * clip.width + (cols - 1) * gap;
  const int specWidth = std::max(framesWidth, clip.melFrames * 3);
  const int width = std::max({framesWidth, specWidth, 480}) + 2 * margin;
  const int header = 34;
  const int specHeight = clip.melBins > 0 ? clip.melBins * 2 : 0;
  const int height = header + rows * (clip.height + label) + (specHeight > 0 ? specHeight + 36 : 0) + margin;
  RgbImage sheet(width, height, kBackground);

  sheet.drawText(margin, 6, title, kText, 1);
  std::string flags = "START " + fixed(clip.start, 3) + " S, " + std::to_string(clip.frames) + " FRAMES @ " +
                      fixed(fps, 2) + " FPS, " + std::to_string(clip.width) + "X" + std::to_string(clip.height);
  sheet.drawText(margin, 18, flags, kDim, 1);
  int flagX = margin + RgbImage::textWidth(flags) + 12;
  if (clip.videoPastEnd) flagX += sheet.drawText(flagX, 18, "PAST END", kWarn, 1) + 12;
  if (clip.audioPadded) sheet.drawText(flagX, 18, "AUDIO PADDED", kWarn, 1);
  if (!clip.hasAudio) sheet.drawText(flagX, 18, "NO AUDIO", kWarn, 1);

  for (int t = 0; t < clip.frames; ++t) {
    const int x = margin + (t % perRow) * (clip.width + gap);
    const int y = header + (t / perRow) * (clip.height + label);
    sheet.blit(x, y, clip.frame(t), clip.width, clip.height);
    sheet.drawText(x, y + clip.height + 3, "T=" + fixed(clip.start + t / fps, 3), kText, 1);
    if (t < static_cast<int>(clip.framePts.size()))
      sheet.drawText(x, y + clip.height + 13, "SRC " + fixed(clip.framePts[t], 3), kDim, 1);
  }

  if (specHeight > 0 && clip.melFrames > 0) {
    const int top = header + rows * (clip.height + label) + 12;
    sheet.drawText(margin, top - 10, "LOG-MEL " + std::to_string(clip.melBins) + " BINS", kDim, 1);
    const auto [lo, hi] = std::minmax_element(clip.logMel.begin(), clip.logMel.end());
    const double span = std::max(1e-6, static_cast<double>(*hi - *lo));
    for (int x = 0; x < specWidth; ++x) {
      const int f = std::min(clip.melFrames - 1, x * clip.melFrames / specWidth);
      for (int y = 0; y < specHeight; ++y) {
        const int m = clip.melBins - 1 - y * clip.melBins / specHeight;  // low bins at the bottom
        const double v = (clip.logMel[static_cast<std::size_t>(m) * clip.melFrames + f] - *lo) / span;
        sheet.set(margin + x, top + y, ramp(v));
      }
    }
    const std::string left = fixed(clip.start, 2) + " S";
    const std::string right = fixed(clip.start + spec.audioSeconds, 2) + " S";
    sheet.drawText(margin, top + specHeight + 4, left, kText, 1);
    sheet.drawText(margin + specWidth - RgbImage::textWidth(right), top + specHeight + 4, right, kText, 1);
  }
  return sheet;
}

}  // namespace binge::media
