#pragma once
// What one audio-visual clip is: how many frames at what rate and size, how much audio at what rate,
// and how its log-mel spectrogram is computed (docs/architecture.md, Presets).
namespace binge {

struct ClipSpec {
  // Video
  int frames = 8;
  double fps = 8.0;
  // Output size. With shortSide > 0 the frame is scaled so its short side is shortSide and the aspect
  // ratio is kept (width/height are then ignored and reported in the clip); otherwise it is scaled to
  // exactly width × height.
  int width = 112;
  int height = 112;
  int shortSide = 0;
  // Audio
  double audioSeconds = 1.0;
  int sampleRate = 16000;
  int melBins = 64;        // 0: no spectrogram (PCM only)
  double windowMs = 25.0;  // Hann window
  double hopMs = 10.0;
  bool decodeVideo = true;
  bool decodeAudio = true;

  double videoSeconds() const { return frames / fps; }
};

}  // namespace binge
