#pragma once
// The plan of a demo world: shows (series and movies) with their casts, sets and theme music, and
// each title's timeline of scenes, dialogue and events. Pure data, made from a seed before anything
// is rendered; the renderer draws it and the ground truth file is written from it.
#include <cstdint>
#include <string>
#include <vector>

namespace binge::demo {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// The shared event classes: every title shows every class (DemoEvents.h draws and sounds them).
enum class EventClass { BallBounce, DoorSlide, PhoneRing, Burst, VehiclePass, BirdChirp, PendulumTick, Rain };
constexpr int kEventClassCount = 8;
const char* eventClassName(EventClass c);         // "ball_bounce", ...
const std::vector<EventClass>& allEventClasses();

// Frame area an event draws into; characters and other events stay out of it while it runs.
struct Region {
  int x = 0, y = 0, w = 0, h = 0;
};

struct SetDesign {
  std::string id;        // unique in the world, e.g. "harbor-lights/set1"
  std::string name;      // e.g. "kitchen"
  Rgb wall, floor, accent;
  int texture = 0;       // background pattern (stripes, checks, dots, bricks, panels)
  double ambientHz = 0;  // ambient hum of the place
  double ambientNoise = 0;  // low-pass coefficient of its ambient noise (0..1, higher = brighter)
};

struct Character {
  std::string name;
  int shape = 0;         // head shape: 0 round, 1 square, 2 tall, 3 wide
  Rgb colour;
  double pitchHz = 150;  // voice fundamental
  int height = 50;       // pixels, body + head
};

struct Theme {
  std::string id;
  double rootHz = 220;
  std::vector<int> notes;  // semitones above the root, one per beat
  double beatSeconds = 0.3;
  int harmonics = 3;       // timbre
};

struct ShowDesign {
  std::string name;        // "Harbor Lights" (series) or the movie's title
  bool series = true;
  double hue = 0;          // degrees; the show's colour identity
  std::vector<SetDesign> sets;
  std::vector<Character> cast;
  Theme theme;
};

struct ScenePlan {
  double start = 0, end = 0;
  int set = 0;             // index into the show's sets
  int left = 0, right = 1; // cast indices standing left and right
};

struct Utterance {
  double start = 0, end = 0;
  int speaker = 0;         // cast index
};

struct EventPlan {
  EventClass cls = EventClass::BallBounce;
  int onsetFrame = 0;      // the first frame that shows it; its sound starts at the same instant
  double start = 0;        // = onsetFrame / fps
  double end = 0;
  Region region;
  Rgb colour;              // random per event, so colour says nothing about the class
  double gain = 1.0;       // loudness of its sound: some events are loud, some sit under the dialogue
  bool standsAlone = false;  // no dialogue or theme from 0.6 s before its onset to its end
  std::uint64_t seed = 0;  // variations (direction, speed)
};

struct TitlePlan {
  int show = 0;            // index into WorldPlan::shows (or probeShows for probe clips)
  int episode = 0;         // 1-based for episodes, 0 for movies
  std::string relPath;     // relative to the output folder
  double duration = 0;
  int frames = 0;
  std::vector<ScenePlan> scenes;
  std::vector<Utterance> utterances;
  std::vector<EventPlan> events;
  std::vector<double> themeCues;  // theme music starts
  std::uint64_t seed = 0;
};

struct WorldPlan {
  std::uint64_t seed = 0;
  int width = 160, height = 120, fps = 15, sampleRate = 16000, channels = 2;
  std::vector<ShowDesign> shows;       // library shows: series first, then movies
  std::vector<TitlePlan> titles;
  std::vector<ShowDesign> probeShows;  // shows that appear only in the probe set
  std::vector<TitlePlan> probeClips;   // one labelled event each, inside a scene; show indexes probeShows
};

// The probe set's defaults: 8 classes × 40 items give a 95 % interval of about ±5 points at 50 %, and
// 8 shows let the probe split by show (docs/demo-world.md).
constexpr int kDefaultProbeClipsPerClass = 40;
constexpr int kDefaultProbeShows = 8;
constexpr double kDefaultProbeSeconds = 4.0;

struct WorldPlanOptions {
  std::uint64_t seed = 1;
  int titles = 24;
  double minutes = 2.0;
  int probeClipsPerClass = kDefaultProbeClipsPerClass;
  int probeShows = kDefaultProbeShows;
  double probeSeconds = kDefaultProbeSeconds;
};

// Deterministic: the same options give the same plan. With N titles, a quarter (rounded, at least one
// when N >= 2) are movies and the rest are episodes, three per series (24 → 6 series × 3 + 6 movies).
WorldPlan planWorld(const WorldPlanOptions& options);

// Where a movie's file goes, relative to the output folder. One place, so that the layout can follow
// what the importer takes for a movie (a file outside any series folder and without SxxEyy).
std::string movieRelativePath(const std::string& movieName);

// Seconds the theme music plays at the start of each scene.
constexpr double kThemeSeconds = 2.4;

}  // namespace binge::demo
