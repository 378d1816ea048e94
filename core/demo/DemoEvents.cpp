#include "demo/DemoEvents.h"

#include "demo/DemoRandom.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace binge::demo {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Ball: impacts come closer together as the bounce dies down.
std::vector<double> ballImpacts(double duration) {
  std::vector<double> impacts{0.0};
  double gap = 0.62;
  while (impacts.back() + gap < duration - 0.1) {
    impacts.push_back(impacts.back() + gap);
    gap *= 0.8;
    if (gap < 0.12) break;
  }
  return impacts;
}

// Phone: three rings; the light is on while it rings.
constexpr double kRingOn = 0.5, kRingPeriod = 0.7;
bool phoneRinging(double t) { return t >= 0 && std::fmod(t, kRingPeriod) < kRingOn && t < 3 * kRingPeriod; }

constexpr double kFlapPeriod = 0.4;     // bird: a chirp on every downstroke
constexpr double kSwingSeconds = 0.5;   // pendulum: a tick at every turning point
constexpr double kDoorSeconds = 1.4;

// Vehicle: its front shows at the frame edge at the onset and it crosses the whole frame.
double vehicleX(const EventPlan& e, double t, bool& leftToRight) {
  leftToRight = (e.seed & 1) == 0;
  const double carLength = 36;
  const double travel = e.region.w + carLength - 12;
  const double u = t / eventDuration(EventClass::VehiclePass);
  const double x = -carLength + 12 + travel * u;  // left edge of the car, moving right
  return leftToRight ? x : e.region.w - carLength - x;
}

void envelopeAdd(StereoTrack& track, long at, double seconds, float gl, float gr,
                 const std::function<float(double)>& wave) {
  const long n = static_cast<long>(seconds * track.sampleRate);
  for (long i = 0; i < n; ++i) track.add(at + i, wave(static_cast<double>(i) / track.sampleRate), gl, gr);
}

}  // namespace

double eventDuration(EventClass c) {
  switch (c) {
    case EventClass::BallBounce: return 2.0;
    case EventClass::DoorSlide: return 1.6;
    case EventClass::PhoneRing: return 2.0;
    case EventClass::Burst: return 1.4;
    case EventClass::VehiclePass: return 2.4;
    case EventClass::BirdChirp: return 2.0;
    case EventClass::PendulumTick: return 2.0;
    case EventClass::Rain: return 2.0;
  }
  return 2.0;
}

// Every coloured part of an event takes the event's own random colour (lightened or darkened), so no
// fixed colour marks a class: its shape and motion do.
void drawEvent(Canvas& canvas, const EventPlan& e, double t) {
  const Region& r = e.region;
  canvas.setClip(r);
  const Rgb dark{25, 25, 30};
  const Rgb light{245, 245, 240};
  const int cx = r.x + r.w / 2;
  switch (e.cls) {
    case EventClass::BallBounce: {
      const auto impacts = ballImpacts(eventDuration(e.cls));
      int k = 0;
      while (k + 1 < static_cast<int>(impacts.size()) && impacts[k + 1] <= t) ++k;
      const double gap = k + 1 < static_cast<int>(impacts.size()) ? impacts[k + 1] - impacts[k] : 0.2;
      const double s = std::min(1.0, (t - impacts[k]) / gap);
      const double peak = 220.0 * gap * gap;  // height grows with the square of the time in the air
      const double height = 4.0 * peak * s * (1 - s);
      const int floorY = r.y + r.h - 6;
      const int dir = (e.seed & 1) ? 1 : -1;
      const int x = static_cast<int>(cx + dir * (-20 + 18 * t));
      const bool squashed = (t - impacts[k]) < 0.07;
      canvas.rect(r.x, floorY, r.w, 3, dark);  // the floor line it bounces on
      if (squashed) canvas.ellipse(x, floorY - 5, 10, 5, e.colour);
      else canvas.disc(x, static_cast<int>(floorY - 7 - height), 7, e.colour);
      break;
    }
    case EventClass::DoorSlide: {
      const int w = 40, h = 74, x = cx - w / 2, y = r.y + r.h - h - 4;
      canvas.rect(x, y, w, h, dark);  // the opening behind the door
      const double open = std::min(1.0, t / kDoorSeconds);
      const int shift = static_cast<int>(std::lround(open * (w - 6)));
      canvas.rect(x + shift, y, w, h, e.colour);
      canvas.frame(x + shift, y, w, h, 2, shade(e.colour, 0.6));
      canvas.rect(x + shift + 4, y + h / 2 - 2, 4, 8, light);  // handle
      canvas.frame(x - 3, y - 3, w + 6, h + 3, 3, mix(e.colour, light, 0.5));  // door frame
      break;
    }
    case EventClass::PhoneRing: {
      const bool ringing = phoneRinging(t);
      const int shake = ringing ? ((static_cast<int>(t * 30) & 1) ? 2 : -2) : 0;
      const int x = cx - 14 + shake, y = r.y + r.h / 2;
      canvas.rect(cx - 20, y + 18, 40, 6, dark);            // table
      canvas.rect(x, y, 28, 18, e.colour);                  // body
      canvas.rect(x - 2, y - 5, 32, 6, shade(e.colour, 0.6));  // handset
      for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) canvas.rect(x + 6 + 6 * j, y + 4 + 4 * i, 3, 2, dark);
      if (ringing) {
        canvas.disc(x + 14, y - 14, 6, mix(e.colour, light, 0.6));  // blinking light
        canvas.line(x - 6, y - 10, x - 12, y - 16, 2, light);
        canvas.line(x + 34, y - 10, x + 40, y - 16, 2, light);
      } else {
        canvas.disc(x + 14, y - 14, 6, dark);
      }
      break;
    }
    case EventClass::Burst: {
      const int y = r.y + r.h / 2 - 6;
      const double grow = std::min(1.0, t / 0.35);
      const double fade = t < 0.6 ? 1.0 : std::max(0.0, 1.0 - (t - 0.6) / 0.8);
      const int radius = static_cast<int>(8 + 24 * grow * fade);
      static const double kRay[12][2] = {{1, 0},     {0.87, 0.5},  {0.5, 0.87},  {0, 1},
                                        {-0.5, 0.87}, {-0.87, 0.5}, {-1, 0},      {-0.87, -0.5},
                                        {-0.5, -0.87}, {0, -1},     {0.5, -0.87}, {0.87, -0.5}};
      for (const auto& d : kRay)
        canvas.line(cx, y, static_cast<int>(cx + d[0] * radius * 1.3), static_cast<int>(y + d[1] * radius * 1.3),
                    3, e.colour);
      canvas.disc(cx, y, radius / 2 + 2, mix(e.colour, light, 0.6));
      break;
    }
    case EventClass::VehiclePass: {
      bool ltr = true;
      const int x = r.x + static_cast<int>(std::lround(vehicleX(e, t, ltr)));
      const int y = r.y + 10;
      canvas.rect(x, y + 6, 36, 12, e.colour);                          // body
      canvas.rect(ltr ? x + 6 : x + 12, y, 18, 8, shade(e.colour, 0.7));  // cabin
      canvas.rect(ltr ? x + 32 : x, y + 8, 4, 4, mix(e.colour, light, 0.6));  // headlight
      canvas.disc(x + 8, y + 19, 4, dark);
      canvas.disc(x + 28, y + 19, 4, dark);
      break;
    }
    case EventClass::BirdChirp: {
      const double travel = r.w - 16;
      const int dir = (e.seed & 1) ? 1 : -1;
      const double u = t / eventDuration(e.cls);
      const int x = static_cast<int>(cx + dir * (u * travel - travel / 2));
      const int y = static_cast<int>(r.y + 30 + 10 * std::sin(2 * kPi * u));
      const double phase = std::fmod(t, kFlapPeriod) / kFlapPeriod;  // 0 = downstroke
      const int wing = phase < 0.5 ? 8 : -8;                         // wings down, then up
      canvas.ellipse(x, y, 6, 3, e.colour);
      canvas.line(x, y, x - 11, y + wing, 2, e.colour);
      canvas.line(x, y, x + 11, y + wing, 2, e.colour);
      canvas.set(x + dir * 5, y - 1, dark);
      break;
    }
    case EventClass::PendulumTick: {
      const int px = cx, py = r.y + 8, length = 62;
      const double side = (e.seed & 1) ? 1.0 : -1.0;
      // Cosine swing: it turns (and ticks) at t = 0, 0.5, 1.0... The sine-free form keeps it cheap.
      const double a = side * 0.38 * std::cos(kPi * t / kSwingSeconds);
      const int bx = px + static_cast<int>(std::lround(length * std::sin(a)));
      const int by = py + static_cast<int>(std::lround(length * std::cos(a)));
      canvas.rect(px - 14, py - 4, 28, 4, dark);
      canvas.line(px, py, bx, by, 2, mix(e.colour, light, 0.5));
      canvas.disc(bx, by, 7, e.colour);
      break;
    }
    case EventClass::Rain: {
      canvas.ellipse(cx - 12, r.y + 10, 18, 8, mix(e.colour, Rgb{150, 150, 160}, 0.5));  // cloud
      canvas.ellipse(cx + 10, r.y + 12, 16, 7, mix(e.colour, Rgb{130, 130, 140}, 0.5));
      DemoRandom rng(e.seed);
      const Rgb drop = mix(e.colour, light, 0.5);
      for (int i = 0; i < 26; ++i) {
        const int x = r.x + 4 + rng.integer(0, r.w - 8);
        const double y0 = rng.uniform(0, r.h - 20);
        const double y = std::fmod(y0 + 160 * t, r.h - 20);
        canvas.line(x, static_cast<int>(r.y + 18 + y), x - 1, static_cast<int>(r.y + 24 + y), 1, drop);
      }
      break;
    }
  }
  canvas.resetClip();
}

// The eight sounds come in two timbre families of four classes each, which differ only in rhythm and
// envelope: rumbling noise (a bouncing ball's quickening knocks, a pendulum's even knocks, a burst's
// single decaying blast, rain's steady fall) and a buzzing tone (a phone's long rings, a bird's short
// chirps, a door's creak whose pitch drags up, an engine's steady swell that pans with the car). A
// clip's spectrum therefore tells only the family; telling the four apart takes the timing, which is
// what a model must learn from the pictures that go with it (docs/demo-world.md).
namespace {

constexpr double kKnockSeconds = 0.15;
constexpr double kBuzzHz = 420;

// How one instance of a sound is voiced. Every phone, door, engine and bird on television sounds a
// little different, and so does every ball, pendulum, burst and rain: the family's spectrum varies
// from event to event (the tone's pitch over about two thirds of an octave, the noise's colour from
// deeper to brighter rumble and more or less hiss), and only the timing stays with the class. A random
// network's spectral features then say less about the class; a trained one has to read the rhythm. The
// spread was settled by measurement (docs/demo-world.md): wider spreads slowed what a trained model
// learns from the pictures as well.
struct Voicing {
  double buzzHz = kBuzzHz;   // the buzzing family's fundamental
  double rumbleRate = 0.05;  // one-pole low-pass rate of the rumble: low = deep, high = bright
  double hiss = 0.45;        // weight of white noise over the rumble
};

Voicing voicingFor(DemoRandom& rng) {
  Voicing v;
  v.buzzHz = kBuzzHz * std::pow(2.0, rng.uniform(-0.36, 0.36));
  v.rumbleRate = 0.05 * std::pow(2.0, rng.uniform(-0.9, 0.9));
  v.hiss = 0.45 * std::pow(2.0, rng.uniform(-0.6, 0.6));
  return v;
}

// White noise over its own low-passed rumble; `low` carries the filter state between samples. The
// rumble is scaled so that its energy does not depend on the filter rate.
double rumble(double& low, DemoRandom& rng, const Voicing& v) {
  const double noise = rng.uniform() * 2 - 1;
  low += v.rumbleRate * (noise - low);
  return v.hiss * noise + 1.6 * std::sqrt(0.05 / v.rumbleRate) * low;
}

// A knock: a short, sharply decaying burst of the same rumbling noise.
double knock(double s, double& low, DemoRandom& rng, const Voicing& v) { return rumble(low, rng, v) * std::exp(-s * 25); }

double saw(double& phase, double hz, double sampleRate) {
  phase += hz / sampleRate;
  return 2 * (phase - std::floor(phase)) - 1;
}

double fade(double s, double duration, double in, double out) {
  return std::clamp(std::min(s / in, (duration - s) / out), 0.0, 1.0);
}

}  // namespace

void mixEventSound(StereoTrack& track, const EventPlan& e) {
  const long at = track.sampleAt(e.start);
  const double sr = track.sampleRate;
  const double duration = e.end - e.start;
  DemoRandom rng(e.seed ^ 0x5a5a5a5aull);
  const float c = static_cast<float>(0.7071 * e.gain);
  const Voicing voice = voicingFor(rng);
  double low = 0, phase = 0;
  switch (e.cls) {
    case EventClass::BallBounce:
      for (double impact : ballImpacts(eventDuration(e.cls))) {
        if (impact >= duration) break;
        const double loud = 1.1 * std::max(0.35, 1.0 - impact / 2.5);
        envelopeAdd(track, at + std::lround(impact * sr), kKnockSeconds, c, c,
                    [&](double s) { return static_cast<float>(loud * knock(s, low, rng, voice)); });
      }
      break;
    case EventClass::PendulumTick:
      for (double turn = 0; turn < duration - 0.05; turn += kSwingSeconds)
        envelopeAdd(track, at + std::lround(turn * sr), kKnockSeconds, c, c,
                    [&](double s) { return static_cast<float>(0.9 * knock(s, low, rng, voice)); });
      break;
    case EventClass::Burst:
      envelopeAdd(track, at, duration, c, c, [&](double s) {
        const double env = std::min(1.0, s / 0.002) * std::exp(-s * 3.5);
        return static_cast<float>(env * rumble(low, rng, voice));
      });
      break;
    case EventClass::Rain:
      envelopeAdd(track, at, duration, c, c, [&](double s) {
        // Steady for as long as it rains, with the burst's mean energy over its 1.4 s.
        const double env = 0.32 * fade(s, duration, 0.003, 0.05) * (0.85 + 0.15 * std::sin(2 * kPi * 1.7 * s));
        return static_cast<float>(env * rumble(low, rng, voice));
      });
      break;
    case EventClass::PhoneRing:
      envelopeAdd(track, at, duration, c, c, [&](double s) {
        if (!phoneRinging(s)) return 0.0f;
        const double trill = std::sin(2 * kPi * 16 * s) > 0 ? 1.0 : 0.35;
        return static_cast<float>(0.25 * saw(phase, voice.buzzHz, sr) * trill * fade(std::fmod(s, kRingPeriod), kRingOn, 0.003, 0.01));
      });
      break;
    case EventClass::BirdChirp:
      for (double flap = 0; flap < duration - 0.1; flap += kFlapPeriod)
        envelopeAdd(track, at + std::lround(flap * sr), 0.09, c, c, [&](double s) {
          // Louder than a ring, so that both carry about the same energy per second (duty 22 % vs 71 %).
          return static_cast<float>(0.45 * saw(phase, voice.buzzHz * (1 + 0.3 * s / 0.09), sr) * fade(s, 0.09, 0.002, 0.01));
        });
      break;
    case EventClass::DoorSlide:
      envelopeAdd(track, at, kDoorSeconds, c, c, [&](double s) {
        // Creak: the pitch drags up and wobbles as the door slides.
        const double f = voice.buzzHz * (0.9 + 0.15 * s) + 25 * std::sin(2 * kPi * 3.1 * s);
        return static_cast<float>(0.25 * saw(phase, f, sr) * fade(s, kDoorSeconds, 0.004, 0.05));
      });
      break;
    case EventClass::VehiclePass: {
      const double width = e.region.w;
      const long n = static_cast<long>(duration * sr);
      for (long i = 0; i < n; ++i) {
        const double s = i / sr;
        bool ltr = true;
        const double x = vehicleX(e, s, ltr) + 18;           // centre of the car
        const double pan = std::clamp(x / width, 0.0, 1.0);  // the engine follows the picture
        const double f = voice.buzzHz + 12 * std::sin(2 * kPi * 0.7 * s);
        const double env = fade(s, duration, 0.004, 0.05) * (0.6 + 0.4 * std::sin(kPi * s / duration));
        const float v = static_cast<float>(0.25 * e.gain * saw(phase, f, sr) * env);
        track.add(at + i, v, static_cast<float>(std::cos(pan * kPi / 2)), static_cast<float>(std::sin(pan * kPi / 2)));
      }
      break;
    }
  }
}

}  // namespace binge::demo
