#include "demo/DemoPlan.h"

#include "demo/DemoEvents.h"
#include "demo/DemoRandom.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cmath>
#include <stdexcept>

namespace binge::demo {

const char* eventClassName(EventClass c) {
  switch (c) {
    case EventClass::BallBounce: return "ball_bounce";
    case EventClass::DoorSlide: return "door_slide";
    case EventClass::PhoneRing: return "phone_ring";
    case EventClass::Burst: return "burst";
    case EventClass::VehiclePass: return "vehicle_pass";
    case EventClass::BirdChirp: return "bird_chirp";
    case EventClass::PendulumTick: return "pendulum_tick";
    case EventClass::Rain: return "rain";
  }
  return "unknown";
}

const std::vector<EventClass>& allEventClasses() {
  static const std::vector<EventClass> classes = {
      EventClass::BallBounce, EventClass::DoorSlide, EventClass::PhoneRing,    EventClass::Burst,
      EventClass::VehiclePass, EventClass::BirdChirp, EventClass::PendulumTick, EventClass::Rain};
  return classes;
}

// A "Movies" folder is safe: the importer (library/TitleNaming.h) takes a file for an episode only by an
// SxxEyy/NxMM tag or a "Season N" folder, so files without a tag here are movies.
std::string movieRelativePath(const std::string& movieName) { return "titles/Movies/" + movieName + ".mp4"; }

namespace {

const std::vector<std::string> kSeriesNames = {
    "Harbor Lights", "Maple Street",  "The Night Desk", "Orbit Station", "Paper Moon Diner", "Fox Hollow",
    "Copper Kettle", "Lantern Lane",  "The Greenhouse", "Quarry Road",   "Signal Hill",      "Tidewater"};
const std::vector<std::string> kMovieNames = {
    "Midnight Orchard", "The Glass Canyon", "Northbound",      "Ember Falls", "Salt and Thunder", "Violet Hour",
    "The Long Tunnel",  "Summer of Kites",  "Iron Meadow",     "Blue Static", "The Last Ferry",   "Cinder Road"};
const std::vector<std::string> kProbeNames = {"Probe Alpha", "Probe Beta",  "Probe Gamma", "Probe Delta",
                                              "Probe Epsilon", "Probe Zeta", "Probe Eta",   "Probe Theta"};
const std::vector<std::string> kCharacterNames = {
    "Ada", "Bram", "Cleo", "Dov",  "Esme", "Finn", "Gus",  "Hana", "Ivo",  "Juno", "Kai",  "Lena", "Milo",
    "Nell", "Otto", "Pia", "Quin", "Rosa", "Sami", "Tess", "Uma",  "Vik",  "Wren", "Yara", "Zeno"};
const std::vector<std::string> kSetNames = {"kitchen", "office", "street", "lobby", "garden", "studio",
                                            "diner",   "attic",  "harbor", "lab",   "station", "library"};

Rgb hsv(double hueDegrees, double s, double v) {
  double h = std::fmod(hueDegrees, 360.0);
  if (h < 0) h += 360.0;
  const double c = v * s;
  const double x = c * (1 - std::fabs(std::fmod(h / 60.0, 2.0) - 1));
  const double m = v - c;
  double r = 0, g = 0, b = 0;
  if (h < 60) { r = c; g = x; }
  else if (h < 120) { r = x; g = c; }
  else if (h < 180) { g = c; b = x; }
  else if (h < 240) { g = x; b = c; }
  else if (h < 300) { r = x; b = c; }
  else { r = c; b = x; }
  auto byte = [&](double u) { return static_cast<std::uint8_t>(std::lround(std::clamp(u + m, 0.0, 1.0) * 255.0)); };
  return {byte(r), byte(g), byte(b)};
}

std::string slug(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

std::string pickName(const std::vector<std::string>& pool, int index) {
  // Past the pool, names repeat with a number so that every show stays distinct.
  const int n = static_cast<int>(pool.size());
  return index < n ? pool[index] : pool[index % n] + " " + std::to_string(index / n + 1);
}

ShowDesign makeShow(DemoRandom rng, const std::string& name, bool series, double hue, int setCount, int castCount,
                    std::vector<std::string> characterPool) {
  ShowDesign show;
  show.name = name;
  show.series = series;
  show.hue = hue;
  std::vector<std::string> setNames = kSetNames;
  rng.shuffle(setNames);
  for (int i = 0; i < setCount; ++i) {
    SetDesign set;
    set.id = slug(name) + "/set" + std::to_string(i + 1);
    set.name = setNames[i % setNames.size()];
    // Sets of one show stay close to its hue: the show is recognisable from the colour of the frame,
    // as a sitcom is from its living room. Saturation and brightness tell its sets apart.
    const double h = hue + rng.uniform(-4, 4);
    const double s = rng.uniform(0.45, 0.8);
    const double v = rng.uniform(0.55, 0.85);
    set.wall = hsv(h, s, v);
    set.floor = hsv(h, s * 0.85, v * 0.55);
    set.accent = hsv(h + 180, 0.35, std::min(1.0, v + 0.15));
    set.texture = rng.integer(0, 4);
    set.ambientHz = rng.uniform(45, 140);
    set.ambientNoise = rng.uniform(0.05, 0.6);
    show.sets.push_back(set);
  }
  rng.shuffle(characterPool);
  for (int i = 0; i < castCount; ++i) {
    Character c;
    c.name = characterPool[i % characterPool.size()];
    c.shape = rng.integer(0, 3);
    c.colour = hsv(rng.uniform(0, 360), rng.uniform(0.3, 0.6), rng.uniform(0.7, 0.95));
    c.pitchHz = rng.uniform(95, 260);
    c.height = rng.integer(44, 60);
    show.cast.push_back(c);
  }
  show.theme.id = slug(name) + "/theme";
  show.theme.rootHz = 196.0 * std::pow(2.0, rng.integer(0, 11) / 12.0);
  static const int kScale[] = {0, 2, 4, 5, 7, 9, 11, 12};
  const int beats = 8;
  for (int i = 0; i < beats; ++i) show.theme.notes.push_back(kScale[rng.integer(0, 7)]);
  show.theme.beatSeconds = kThemeSeconds / beats;
  show.theme.harmonics = rng.integer(1, 5);
  return show;
}

// Region each event draws into: the vehicle crosses above the characters' heads, everything else
// happens in the middle of the frame between the two characters.
Region regionFor(EventClass c, int width) {
  if (c == EventClass::VehiclePass) return {0, 6, width, 36};
  return {48, 6, 64, 108};
}

// Events drawn from a bag of all classes, refilled when empty: each title shows each class equally
// often (±1), so the class cannot be guessed from which title or set a clip comes from.
class ClassBag {
 public:
  explicit ClassBag(DemoRandom& rng) : rng_(rng) {}
  EventClass peek() {
    if (bag_.empty()) {
      bag_ = allEventClasses();
      rng_.shuffle(bag_);
    }
    return bag_.back();
  }
  void pop() { bag_.pop_back(); }

 private:
  DemoRandom& rng_;
  std::vector<EventClass> bag_;
};

EventPlan makeEvent(EventClass c, double at, int fps, int width, DemoRandom& rng) {
  EventPlan e;
  e.cls = c;
  e.onsetFrame = static_cast<int>(std::ceil(at * fps - 1e-9));
  e.start = static_cast<double>(e.onsetFrame) / fps;
  e.end = e.start + eventDuration(c);
  e.region = regionFor(c, width);
  static const Rgb kPalette[] = {{240, 240, 235}, {30, 30, 35},   {235, 200, 40}, {210, 50, 45},
                                 {50, 90, 210},   {60, 170, 80},  {200, 120, 40}, {150, 70, 170}};
  e.colour = kPalette[rng.integer(0, 7)];
  // A phone rings across a room or next to the microphone: loudness varies over 15 dB, from about as
  // loud as the dialogue to well under it, so how loud a clip is says little about which event it holds.
  e.gain = std::pow(10.0, -rng.uniform(6.0, 21.0) / 20.0);
  e.seed = rng.next();
  return e;
}

// Dialogue between the scene's two characters from `from` to the scene's end. Before about half of the
// events (chosen per event) the characters fall silent 0.6 s ahead and stay quiet while it lasts, so
// its sound stands alone at its onset; over the others they keep talking, as people on TV do when a
// phone rings or a car passes.
void planDialogue(TitlePlan& title, const ScenePlan& scene, double from, std::vector<EventPlan>& sceneEvents,
                  DemoRandom& rng) {
  std::vector<const EventPlan*> quiet;
  for (EventPlan& e : sceneEvents) {
    e.standsAlone = rng.uniform() < 0.5;
    if (e.standsAlone) quiet.push_back(&e);
  }
  double u = from;
  int speaker = rng.integer(0, 1);
  std::size_t next = 0;
  while (u < scene.end - 0.5) {
    while (next < quiet.size() && quiet[next]->end + 0.3 <= u) ++next;
    double limit = scene.end - 0.2;
    if (next < quiet.size()) {
      if (u >= quiet[next]->start - 0.6) {
        u = quiet[next]->end + 0.3;
        continue;
      }
      limit = std::min(limit, quiet[next]->start - 0.6);
    }
    const double length = std::min(rng.uniform(0.8, 2.2), limit - u);
    if (length >= 0.3) title.utterances.push_back({u, u + length, speaker ? scene.right : scene.left});
    speaker ^= 1;
    u += std::max(length, 0.0) + rng.uniform(0.15, 0.5);
  }
}

void planTimeline(TitlePlan& title, const ShowDesign& show, const WorldPlan& world, DemoRandom rng) {
  const int fps = world.fps;
  title.frames = static_cast<int>(std::lround(title.duration * fps));
  ClassBag bag(rng);
  double t = 0;
  int previousSet = -1;
  const int castCount = static_cast<int>(show.cast.size());
  const int setCount = static_cast<int>(show.sets.size());
  while (t < title.duration - 0.5) {
    double length = rng.uniform(14, 24);
    if (title.duration - (t + length) < 8) length = title.duration - t;  // no stub scene at the end
    ScenePlan scene;
    scene.start = t;
    scene.end = t + length;
    // Every episode opens in the show's main set, as sitcoms do; later scenes move between sets.
    if (previousSet < 0) scene.set = 0;
    else scene.set = (previousSet + rng.integer(1, setCount - 1)) % setCount;
    previousSet = scene.set;
    scene.left = rng.integer(0, castCount - 1);
    scene.right = (scene.left + rng.integer(1, castCount - 1)) % castCount;
    title.scenes.push_back(scene);
    title.themeCues.push_back(scene.start);

    // Events: after the theme has played, every few seconds, well inside the scene so that a cut never
    // coincides with an onset.
    std::vector<EventPlan> sceneEvents;
    double at = scene.start + kThemeSeconds + rng.uniform(1.0, 2.0);
    for (;;) {
      const EventClass c = bag.peek();
      EventPlan e = makeEvent(c, at, fps, world.width, rng);
      if (e.end > scene.end - 0.8) break;
      bag.pop();
      sceneEvents.push_back(e);
      at = e.end + rng.uniform(0.5, 1.5);
    }
    planDialogue(title, scene, scene.start + kThemeSeconds + 0.3, sceneEvents, rng);
    title.events.insert(title.events.end(), sceneEvents.begin(), sceneEvents.end());
    t = scene.end;
  }
}

// One probe item: a few seconds cut from a scene of a probe show, built like library material (the
// set and its ambience, two characters talking, now and then the show's theme) with one event of the
// labelled class at a random offset. The event always overlaps the middle second, the window a live
// probe looks at (eval/FeatureExtractor.h, itemClipStarts).
TitlePlan planProbeClip(EventClass c, int index, int showIndex, const ShowDesign& show, const WorldPlan& world,
                        double seconds, DemoRandom rng) {
  TitlePlan clip;
  clip.show = showIndex;
  char file[64];
  std::snprintf(file, sizeof file, "%s_%03d.mp4", eventClassName(c), index + 1);
  clip.relPath = std::string("probe/") + eventClassName(c) + "/" + file;
  clip.duration = seconds;
  clip.frames = static_cast<int>(std::lround(clip.duration * world.fps));
  clip.seed = rng.next();
  ScenePlan scene;
  scene.end = clip.duration;
  const int setCount = static_cast<int>(show.sets.size());
  const int castCount = static_cast<int>(show.cast.size());
  scene.set = rng.integer(0, setCount - 1);
  scene.left = rng.integer(0, castCount - 1);
  scene.right = (scene.left + rng.integer(1, castCount - 1)) % castCount;
  clip.scenes.push_back(scene);
  const double middle = seconds / 2;
  const double duration = eventDuration(c);
  const double earliest = std::max(0.1, middle - duration + 0.4);
  const double latest = std::max(earliest, std::min(middle - 0.2, seconds - 0.1 - duration));
  EventPlan e = makeEvent(c, rng.uniform(earliest, latest), world.fps, world.width, rng);
  e.end = std::min(e.end, clip.duration);
  clip.events.push_back(e);
  planDialogue(clip, scene, rng.uniform(0.0, 0.6), clip.events, rng);
  // The theme plays in about half of the clips, starting anywhere from before the cut to near its end;
  // an event it overlaps does not stand alone.
  if (rng.uniform() < 0.5) {
    const double cue = rng.uniform(-kThemeSeconds + 0.5, seconds - 0.5);
    clip.themeCues.push_back(cue);
    EventPlan& event = clip.events.front();
    if (cue < event.end && cue + kThemeSeconds > event.start - 0.6) event.standsAlone = false;
  }
  return clip;
}

}  // namespace

WorldPlan planWorld(const WorldPlanOptions& options) {
  if (options.titles < 1) throw std::invalid_argument("the demo world needs at least one title");
  if (options.minutes < 0.1) throw std::invalid_argument("titles must last at least 0.1 minutes");
  WorldPlan world;
  world.seed = options.seed;
  DemoRandom rng(DemoRandom::mix(options.seed));

  const int movies = options.titles >= 2 ? std::max(1, static_cast<int>(std::lround(options.titles / 4.0))) : 0;
  const int episodes = options.titles - movies;
  const int seriesCount = (episodes + 2) / 3;
  const int showCount = seriesCount + movies;

  // Each show owns one hue, evenly spaced around the colour wheel in a seeded order.
  std::vector<int> hueSlots(showCount);
  for (int i = 0; i < showCount; ++i) hueSlots[i] = i;
  rng.shuffle(hueSlots);
  const double hueStep = 360.0 / std::max(showCount, 1);
  std::vector<std::string> seriesNames = kSeriesNames, movieNames = kMovieNames;
  rng.shuffle(seriesNames);
  rng.shuffle(movieNames);

  for (int s = 0; s < showCount; ++s) {
    const bool series = s < seriesCount;
    const std::string name = series ? pickName(seriesNames, s) : pickName(movieNames, s - seriesCount);
    const int sets = series ? rng.integer(2, 3) : rng.integer(4, 5);
    const int cast = series ? rng.integer(3, 4) : rng.integer(4, 5);
    world.shows.push_back(makeShow(rng.fork(100 + s), name, series, hueSlots[s] * hueStep, sets, cast, kCharacterNames));
  }

  const double duration = options.minutes * 60.0;
  int titleIndex = 0;
  for (int s = 0; s < seriesCount; ++s) {
    const int count = std::min(3, episodes - 3 * s);
    for (int e = 1; e <= count; ++e) {
      TitlePlan t;
      t.show = s;
      t.episode = e;
      const std::string& name = world.shows[s].name;
      t.relPath = "titles/" + name + "/" + name + " S01E0" + std::to_string(e) + ".mp4";
      t.duration = duration;
      t.seed = rng.fork(1000 + titleIndex).next();
      planTimeline(t, world.shows[s], world, rng.fork(2000 + titleIndex));
      world.titles.push_back(std::move(t));
      ++titleIndex;
    }
  }
  for (int m = 0; m < movies; ++m) {
    TitlePlan t;
    t.show = seriesCount + m;
    t.relPath = movieRelativePath(world.shows[t.show].name);
    t.duration = duration;
    t.seed = rng.fork(1000 + titleIndex).next();
    planTimeline(t, world.shows[t.show], world, rng.fork(2000 + titleIndex));
    world.titles.push_back(std::move(t));
    ++titleIndex;
  }

  // Probe set: shows that are not in the library, hues between the library's. Item i of a class comes
  // from show (i + class) mod shows, so every show holds every class and a class never hides in a show.
  const int probeShows = std::max(1, options.probeShows);
  for (int p = 0; p < probeShows; ++p)
    world.probeShows.push_back(makeShow(rng.fork(5000 + p), pickName(kProbeNames, p), false,
                                        ((p * showCount) / probeShows + 0.5) * hueStep, 2, 3, kCharacterNames));
  for (EventClass c : allEventClasses()) {
    for (int i = 0; i < options.probeClipsPerClass; ++i) {
      const int show = (i + static_cast<int>(c)) % probeShows;
      world.probeClips.push_back(planProbeClip(c, i, show, world.probeShows[show], world, options.probeSeconds,
                                               rng.fork(9000 + 1000 * static_cast<int>(c) + i)));
    }
  }
  return world;
}

}  // namespace binge::demo
