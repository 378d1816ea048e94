#include "library/LibraryFile.h"

#include "runtime/Error.h"
#include "runtime/AtomicFile.h"
#include "runtime/FileWrite.h"
#include "runtime/JsonNumbers.h"

#include <stdexcept>

namespace binge {
namespace {

nlohmann::json titleToJson(const Title& t) {
  nlohmann::json j;
  j["id"] = t.id;
  j["path"] = t.path;
  j["name"] = t.name;
  j["size"] = t.size;
  j["mtime"] = t.mtime;
  j["kind"] = toString(t.kind);
  j["series"] = t.series;
  j["duration"] = t.duration;
  if (t.video) {
    j["video"] = {{"codec", t.video->codec},   {"width", t.video->width},
                  {"height", t.video->height}, {"fps", t.video->fps},
                  {"time_base", {t.video->timeBaseNum, t.video->timeBaseDen}},
                  {"rotation", t.video->rotation}};
  } else {
    j["video"] = nullptr;
  }
  if (t.audio) {
    j["audio"] = {{"codec", t.audio->codec},
                  {"sample_rate", t.audio->sampleRate},
                  {"channels", t.audio->channels},
                  {"sample_format", t.audio->sampleFormat}};
  } else {
    j["audio"] = nullptr;
  }
  j["status"] = toString(t.status);
  j["message"] = t.message;
  j["user_edited"] = t.userEdited;
  return j;
}

Title titleFromJson(const nlohmann::json& j) {
  Title t;
  t.id = j.at("id").get<std::string>();
  t.path = j.at("path").get<std::string>();
  t.name = j.value("name", std::string());
  t.size = wholeNumberOr(j, "size", std::uint64_t{0});
  t.mtime = wholeNumberOr(j, "mtime", std::int64_t{0});
  t.kind = titleKindFromString(j.value("kind", std::string("movie")));
  t.series = j.value("series", std::string());
  t.duration = j.value("duration", 0.0);
  if (j.contains("video") && !j["video"].is_null()) {
    const auto& v = j["video"];
    VideoStreamInfo video;
    video.codec = v.value("codec", std::string());
    video.width = wholeNumberOr(v, "width", 0);
    video.height = wholeNumberOr(v, "height", 0);
    video.fps = v.value("fps", 0.0);
    if (v.contains("time_base")) {
      const nlohmann::json timeBase = {{"num", v["time_base"].at(0)}, {"den", v["time_base"].at(1)}};
      video.timeBaseNum = wholeNumberOr(timeBase, "num", 0);
      video.timeBaseDen = wholeNumberOr(timeBase, "den", 0);
    }
    video.rotation = wholeNumberOr(v, "rotation", 0);
    t.video = video;
  }
  if (j.contains("audio") && !j["audio"].is_null()) {
    const auto& a = j["audio"];
    AudioStreamInfo audio;
    audio.codec = a.value("codec", std::string());
    audio.sampleRate = wholeNumberOr(a, "sample_rate", 0);
    audio.channels = wholeNumberOr(a, "channels", 0);
    audio.sampleFormat = a.value("sample_format", std::string());
    t.audio = audio;
  }
  t.status = titleStatusFromString(j.value("status", std::string("ok")));
  t.message = j.value("message", std::string());
  t.userEdited = j.value("user_edited", false);
  return t;
}

}  // namespace

nlohmann::json libraryToJson(const Library& library) {
  nlohmann::json titles = nlohmann::json::array();
  for (const Title& title : library.titles) titles.push_back(titleToJson(title));
  return {{"format", "binge-library"}, {"version", 1}, {"titles", titles}};
}

Library libraryFromJson(const nlohmann::json& document, const std::string& source) {
  if (!document.is_object() || !document.contains("titles") || !document["titles"].is_array())
    throw Error(ErrorKind::Input, source + ": not a Binge library (no \"titles\" array)");
  Library library;
  size_t index = 0;
  for (const auto& entry : document["titles"]) {
    try {
      library.titles.push_back(titleFromJson(entry));
    } catch (const std::exception& e) {
      throw Error(ErrorKind::Input, source + ": title #" + std::to_string(index) + ": " + e.what());
    }
    ++index;
  }
  return library;
}

Library loadLibrary(const std::filesystem::path& path) {
  const std::string text = readWholeFile(path);
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ErrorKind::Input, path.string() + ": not valid JSON: " + e.what());
  }
  return libraryFromJson(document, path.string());
}

void saveLibrary(const std::filesystem::path& path, const Library& library) {
  writeFileAtomically(path, libraryToJson(library).dump(2) + "\n", kWriteLibrary);
}

}  // namespace binge
