#include "demo/TitleRenderer.h"

#include "demo/Canvas.h"
#include "demo/DemoEvents.h"
#include "demo/DemoRandom.h"
#include "demo/StereoTrack.h"
#include "media/MediaEncoder.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace binge::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kFloorY = 84;        // wall above, floor below
constexpr double kSyllable = 0.2;  // seconds per spoken syllable

// A set's background, drawn once per title and copied into every frame of its scenes.
Canvas renderSet(const SetDesign& set, int width, int height) {
  Canvas c(width, height);
  c.fill(set.wall);
  const Rgb wall2 = shade(set.wall, 0.88);
  switch (set.texture) {
    case 0:  // stripes
      for (int x = 0; x < width; x += 16) c.rect(x, 0, 8, kFloorY, wall2);
      break;
    case 1:  // checks
      for (int y = 0; y < kFloorY; y += 10)
        for (int x = ((y / 10) & 1) * 10; x < width; x += 20) c.rect(x, y, 10, 10, wall2);
      break;
    case 2:  // dots
      for (int y = 6; y < kFloorY; y += 12)
        for (int x = 6; x < width; x += 12) c.rect(x, y, 3, 3, wall2);
      break;
    case 3:  // bricks
      for (int y = 0; y < kFloorY; y += 8) {
        c.rect(0, y, width, 1, wall2);
        for (int x = ((y / 8) & 1) * 8; x < width; x += 16) c.rect(x, y, 1, 8, wall2);
      }
      break;
    default:  // panels
      for (int x = 4; x + 30 < width; x += 38) c.frame(x, 8, 30, kFloorY - 16, 2, wall2);
      break;
  }
  c.rect(0, kFloorY, width, height - kFloorY, set.floor);
  c.rect(0, kFloorY, width, 2, shade(set.floor, 0.7));
  // A small fixture in the accent colour (picture, window) that marks the set.
  const int fx = (set.texture * 29) % (width - 40) + 8;
  c.rect(fx, 14, 22, 16, set.accent);
  c.frame(fx - 2, 12, 26, 20, 2, shade(set.wall, 0.55));
  return c;
}

// Loudness of a voice within a syllable (0..1) and whether the mouth is open.
double syllableEnvelope(double sinceStart) {
  const double u = std::fmod(sinceStart, kSyllable) / kSyllable;
  return std::sin(kPi * u) * std::sin(kPi * u);
}

void drawCharacter(Canvas& c, const Character& ch, int centreX, bool mouthOpen) {
  const int feet = c.height() - 4;
  const int bodyH = ch.height * 3 / 5, headR = std::max(7, ch.height / 6);
  const int bodyTop = feet - bodyH;
  c.rect(centreX - 9, bodyTop, 18, bodyH, ch.colour);
  c.rect(centreX - 9, bodyTop, 18, 3, shade(ch.colour, 0.75));
  const int headY = bodyTop - headR;
  const Rgb skin = mix(ch.colour, Rgb{235, 205, 170}, 0.7);
  switch (ch.shape) {
    case 0: c.disc(centreX, headY, headR, skin); break;
    case 1: c.rect(centreX - headR, headY - headR, 2 * headR, 2 * headR, skin); break;
    case 2: c.ellipse(centreX, headY - 2, headR - 2, headR + 3, skin); break;
    default: c.ellipse(centreX, headY, headR + 3, headR - 1, skin); break;
  }
  const Rgb dark{20, 20, 25};
  c.rect(centreX - 4, headY - 3, 2, 2, dark);
  c.rect(centreX + 2, headY - 3, 2, 2, dark);
  c.rect(centreX - 3, headY + 3, 6, mouthOpen ? 4 : 1, dark);
}

void mixAmbience(StereoTrack& track, const SetDesign& set, double start, double end, DemoRandom rng) {
  double lowL = 0, lowR = 0;
  const long a = track.sampleAt(start), b = track.sampleAt(end);
  const double step = 2 * kPi * set.ambientHz / track.sampleRate;
  for (long i = a; i < b; ++i) {
    lowL += set.ambientNoise * ((rng.uniform() * 2 - 1) - lowL);
    lowR += set.ambientNoise * ((rng.uniform() * 2 - 1) - lowR);
    const double hum = 0.012 * std::sin(step * (i - a));
    track.add(i, static_cast<float>(hum + 0.03 * lowL), 1.0f, 0.0f);
    track.add(i, static_cast<float>(hum + 0.03 * lowR), 0.0f, 1.0f);
  }
}

void mixTheme(StereoTrack& track, const Theme& theme, double at) {
  const double sr = track.sampleRate;
  for (std::size_t n = 0; n < theme.notes.size(); ++n) {
    const double f = theme.rootHz * std::pow(2.0, theme.notes[n] / 12.0);
    const long start = track.sampleAt(at + n * theme.beatSeconds);
    const long length = static_cast<long>(theme.beatSeconds * sr);
    for (long i = 0; i < length; ++i) {
      const double s = i / sr;
      const double env = std::min(1.0, s / 0.01) * std::exp(-s * 5) * std::min(1.0, (length - i) / (0.01 * sr));
      double v = 0;
      for (int h = 1; h <= theme.harmonics; ++h) v += std::sin(2 * kPi * f * h * s) / h;
      track.add(start + i, static_cast<float>(0.09 * env * v));
    }
  }
}

void mixVoice(StereoTrack& track, const Character& ch, const Utterance& u, float panLeft, float panRight) {
  const double sr = track.sampleRate;
  const long a = track.sampleAt(u.start), b = track.sampleAt(u.end);
  double phase = 0;
  for (long i = a; i < b; ++i) {
    const double s = (i - a) / sr;
    const int syllable = static_cast<int>(s / kSyllable);
    const double f0 = ch.pitchHz * (1 + 0.06 * std::sin(2 * kPi * 1.3 * s) + 0.05 * (syllable % 3));
    phase += 2 * kPi * f0 / sr;
    // Harmonics by the sin((k+1)x) = 2cos(x)sin(kx) - sin((k-1)x) recurrence: two trig calls per sample.
    const double s1 = std::sin(phase), c1 = std::cos(phase);
    double prev = 0, cur = s1, v = 0;
    const int formant = 2 + syllable % 3;  // vowels: a different harmonic stands out per syllable
    for (int k = 1; k <= 6; ++k) {
      v += cur * (k == formant ? 1.0 : 0.45 / k);
      const double next = 2 * c1 * cur - prev;
      prev = cur;
      cur = next;
    }
    const double env = syllableEnvelope(s) * std::min(1.0, (b - i) / (0.02 * sr));
    track.add(i, static_cast<float>(0.07 * env * v), panLeft, panRight);
  }
}

}  // namespace

TitleRenderer::TitleRenderer(const WorldPlan& world, const ShowDesign& show, const TitlePlan& title)
    : world_(world), show_(show), title_(title) {}

bool TitleRenderer::render(const std::string& path, const std::atomic<bool>* cancel) const {
  const int width = world_.width, height = world_.height, fps = world_.fps;
  DemoRandom rng(title_.seed);

  // Sound first: the whole soundtrack is mixed, then handed to the encoder in step with the frames.
  StereoTrack track(world_.sampleRate, static_cast<double>(title_.frames) / fps);
  for (std::size_t s = 0; s < title_.scenes.size(); ++s) {
    const ScenePlan& scene = title_.scenes[s];
    mixAmbience(track, show_.sets[scene.set], scene.start, scene.end, rng.fork(s));
  }
  for (double cue : title_.themeCues) mixTheme(track, show_.theme, cue);
  for (const Utterance& u : title_.utterances) {
    // The speaker's side: whoever stands left in the scene of the utterance is heard on the left.
    bool left = true;
    for (const ScenePlan& scene : title_.scenes)
      if (u.start >= scene.start && u.start < scene.end) left = (u.speaker == scene.left);
    mixVoice(track, show_.cast[u.speaker], u, left ? 0.9f : 0.45f, left ? 0.45f : 0.9f);
  }
  for (const EventPlan& e : title_.events) mixEventSound(track, e);
  for (std::size_t i = 0; i < track.size(); ++i) {
    track.left[i] = std::clamp(track.left[i], -1.0f, 1.0f);
    track.right[i] = std::clamp(track.right[i], -1.0f, 1.0f);
  }

  std::map<int, Canvas> backgrounds;
  for (const ScenePlan& scene : title_.scenes)
    if (!backgrounds.count(scene.set)) backgrounds.emplace(scene.set, renderSet(show_.sets[scene.set], width, height));

  media::MediaEncoder encoder;
  encoder.open(path, width, height, fps, world_.sampleRate, world_.channels);
  Canvas canvas(width, height);
  std::vector<float> interleaved;
  std::size_t audioDone = 0;
  std::size_t scene = 0, utter = 0;
  for (int f = 0; f < title_.frames; ++f) {
    if (cancel && cancel->load()) return false;
    const double t = static_cast<double>(f) / fps;
    while (scene + 1 < title_.scenes.size() && t >= title_.scenes[scene + 1].start) ++scene;
    const ScenePlan& sc = title_.scenes[scene];
    canvas.pixels() = backgrounds.at(sc.set).pixels();

    while (utter < title_.utterances.size() && title_.utterances[utter].end <= t) ++utter;
    int speaking = -1;
    if (utter < title_.utterances.size() && title_.utterances[utter].start <= t) {
      const Utterance& u = title_.utterances[utter];
      if (syllableEnvelope(t - u.start) > 0.3) speaking = u.speaker;
    }
    drawCharacter(canvas, show_.cast[sc.left], 24, speaking == sc.left);
    drawCharacter(canvas, show_.cast[sc.right], width - 24, speaking == sc.right);

    for (const EventPlan& e : title_.events) {
      const int length = static_cast<int>(std::lround((e.end - e.start) * fps));
      if (f >= e.onsetFrame && f < e.onsetFrame + length)
        drawEvent(canvas, e, static_cast<double>(f - e.onsetFrame) / fps);
    }
    encoder.writeVideoFrame(canvas.data());

    // Audio up to the end of this frame, so the muxer interleaves without buffering the whole title.
    const std::size_t until = std::min(track.size(), static_cast<std::size_t>(
                                                         std::llround(static_cast<double>(f + 1) * track.sampleRate / fps)));
    interleaved.clear();
    for (std::size_t i = audioDone; i < until; ++i) {
      interleaved.push_back(track.left[i]);
      interleaved.push_back(track.right[i]);
    }
    if (until > audioDone) encoder.writeAudio(interleaved.data(), until - audioDone);
    audioDone = until;
  }
  encoder.finish();
  return true;
}

}  // namespace binge::demo
