#include "demo/DemoGroundTruth.h"

#include "demo/DemoEvents.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace binge::demo {
namespace {

using nlohmann::ordered_json;

ordered_json rgb(Rgb c) { return ordered_json::array({c.r, c.g, c.b}); }

ordered_json showJson(const ShowDesign& show) {
  ordered_json j;
  j["name"] = show.name;
  j["kind"] = show.series ? "series" : "movie";
  j["hue"] = show.hue;
  j["sets"] = ordered_json::array();
  for (const SetDesign& s : show.sets)
    j["sets"].push_back({{"id", s.id}, {"name", s.name}, {"wall", rgb(s.wall)}, {"floor", rgb(s.floor)},
                         {"accent", rgb(s.accent)}, {"texture", s.texture}, {"ambient_hz", s.ambientHz}});
  j["cast"] = ordered_json::array();
  for (const Character& c : show.cast)
    j["cast"].push_back({{"name", c.name}, {"shape", c.shape}, {"colour", rgb(c.colour)}, {"pitch_hz", c.pitchHz}});
  j["theme"] = {{"id", show.theme.id}, {"root_hz", show.theme.rootHz}, {"notes", show.theme.notes},
                {"beat_s", show.theme.beatSeconds}, {"harmonics", show.theme.harmonics}};
  return j;
}

ordered_json titleJson(const WorldPlan& world, const ShowDesign& show, const TitlePlan& t) {
  ordered_json j;
  j["file"] = t.relPath;
  j["show"] = show.name;
  if (t.episode > 0) {
    j["kind"] = "episode";
    j["series"] = show.name;
    j["episode"] = t.episode;
  } else {
    j["kind"] = "movie";
  }
  j["duration"] = static_cast<double>(t.frames) / world.fps;
  j["frames"] = t.frames;
  j["theme"] = show.theme.id;
  j["theme_cues"] = t.themeCues;
  j["scenes"] = ordered_json::array();
  for (const ScenePlan& s : t.scenes)
    j["scenes"].push_back({{"start", s.start},
                           {"end", s.end},
                           {"set", show.sets[s.set].id},
                           {"cast", {show.cast[s.left].name, show.cast[s.right].name}}});
  j["dialogue"] = ordered_json::array();
  for (const Utterance& u : t.utterances)
    j["dialogue"].push_back({{"start", u.start}, {"end", u.end}, {"speaker", show.cast[u.speaker].name}});
  j["events"] = ordered_json::array();
  for (const EventPlan& e : t.events) {
    const double audioOnset = std::round(e.start * world.sampleRate) / world.sampleRate;
    j["events"].push_back({{"class", eventClassName(e.cls)},
                           {"start", e.start},
                           {"end", e.end},
                           {"onset_frame", e.onsetFrame},
                           {"visual_onset", e.start},
                           {"audio_onset", audioOnset},
                           {"gain", e.gain},
                           {"stands_alone", e.standsAlone},
                           {"region", {e.region.x, e.region.y, e.region.w, e.region.h}}});
  }
  return j;
}

}  // namespace

std::string groundTruthJson(const WorldPlan& world, const std::string& minutesText, int titlesRequested,
                            bool complete) {
  ordered_json j;
  j["generator"] = kDemoGenerator;
  j["version"] = kDemoGroundTruthVersion;
  j["complete"] = complete;
  j["seed"] = world.seed;
  j["titles_requested"] = titlesRequested;
  j["minutes"] = minutesText;
  j["video"] = {{"codec", "h264"}, {"width", world.width}, {"height", world.height}, {"fps", world.fps}};
  j["audio"] = {{"codec", "aac"}, {"sample_rate", world.sampleRate}, {"channels", world.channels}};
  j["classes"] = ordered_json::array();
  for (EventClass c : allEventClasses())
    j["classes"].push_back({{"name", eventClassName(c)}, {"duration", eventDuration(c)}});
  j["shows"] = ordered_json::array();
  for (const ShowDesign& s : world.shows) j["shows"].push_back(showJson(s));
  j["titles"] = ordered_json::array();
  for (const TitlePlan& t : world.titles) j["titles"].push_back(titleJson(world, world.shows[t.show], t));
  j["probe_shows"] = ordered_json::array();
  for (const ShowDesign& s : world.probeShows) j["probe_shows"].push_back(showJson(s));
  j["probe"] = ordered_json::array();
  for (const TitlePlan& t : world.probeClips) {
    ordered_json clip = titleJson(world, world.probeShows[t.show], t);
    clip["kind"] = "probe";
    clip["class"] = eventClassName(t.events.front().cls);
    j["probe"].push_back(clip);
  }
  return j.dump(1) + "\n";
}

}  // namespace binge::demo
