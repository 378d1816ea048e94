#pragma once
// One clip as the views show it: its frames side by side (a strip, as the model gets them), its
// log-mel spectrogram and its mono audio. Built on a worker thread from a DecodedClip; QImage and
// plain vectors only, so it crosses to the GUI thread by value.
#include "media/ClipSpec.h"
#include "media/DecodedClip.h"

#include <QImage>
#include <QMetaType>
#include <QString>

#include <vector>

namespace binge::ui {

struct ClipPicture {
  quint64 serial = 0;        // the request it answers (stale answers are dropped by it)
  int slot = -1;             // the requester's row or position
  int titleIndex = -1;
  double start = 0.0;        // seconds
  QImage frames;             // strip of frameCount frames, left to right
  int frameCount = 0;
  int frameWidth = 0;
  int frameHeight = 0;
  std::vector<float> logMel; // [melBins, melFrames], row-major
  int melBins = 0;
  int melFrames = 0;
  std::vector<float> audio;  // mono at sampleRate
  int sampleRate = 16000;
  double audioSeconds = 1.0;
  double videoSeconds = 1.0;
  bool hasAudio = false;
  bool fromCache = false;
  double loadMs = 0.0;       // worker time to load and convert
  QString error;             // non-empty: nothing else is valid
  // Row-sized versions for lists (kThumbHeight tall), made on the worker so the GUI thread only
  // wraps them in pixmaps.
  QImage framesThumb;
  QImage spectrogramThumb;
  static constexpr int kThumbHeight = 48;

  bool ok() const { return error.isEmpty(); }
};

// The clip geometry of the `tiny` preset (docs/architecture.md, Presets): 8 frames at 8 fps, short side 72, 1 s of
// 16 kHz audio, 64 mel bins.

ClipPicture makeClipPicture(const DecodedClip& clip, const ClipSpec& spec);
// The spectrogram as a small image (low frequencies at the bottom), `height` pixels tall.
QImage spectrogramImage(const ClipPicture& picture, int height);
// A colour for a value in [0, 1] on a perceptual (viridis-like) scale.
QRgb heatColor(double value);

}  // namespace binge::ui

Q_DECLARE_METATYPE(binge::ui::ClipPicture)
