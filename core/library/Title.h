#pragma once
// One movie or episode of a library: where it is, what its streams are, and whether it can be used.
#include <cstdint>
#include <optional>
#include <string>

namespace binge {

enum class TitleKind { Movie, Episode };
enum class TitleStatus { Ok, Warning, Error };

struct VideoStreamInfo {
  std::string codec;           // FFmpeg codec name, e.g. "h264"
  int width = 0;
  int height = 0;
  double fps = 0.0;            // average frame rate (0 when unknown)
  int timeBaseNum = 0;         // stream time base
  int timeBaseDen = 1;
  int rotation = 0;            // display rotation in degrees from side data (0, 90, 180, 270)
};

struct AudioStreamInfo {
  std::string codec;           // e.g. "aac"
  int sampleRate = 0;
  int channels = 0;
  std::string sampleFormat;    // e.g. "fltp", "s16", "u8"
};

struct Title {
  std::string id;              // stable, unique within the library (derived from the path)
  std::string path;            // absolute path
  std::string name;            // display name (file name without extension unless edited)
  std::uint64_t size = 0;      // bytes, for incremental re-import
  std::int64_t mtime = 0;      // seconds since epoch, for incremental re-import
  TitleKind kind = TitleKind::Movie;
  std::string series;          // empty for movies
  double duration = 0.0;       // seconds
  std::optional<VideoStreamInfo> video;
  std::optional<AudioStreamInfo> audio;
  TitleStatus status = TitleStatus::Ok;
  std::string message;         // human reason for a warning or an error
  bool userEdited = false;     // name/kind/series changed by the user: re-import keeps them

  // Titles with a warning (e.g. no audio) can be browsed but not trained on.
  bool trainable() const { return status == TitleStatus::Ok && video.has_value() && audio.has_value(); }
};

const char* toString(TitleKind kind);
const char* toString(TitleStatus status);
TitleKind titleKindFromString(const std::string& text);      // throws std::invalid_argument
TitleStatus titleStatusFromString(const std::string& text);  // throws std::invalid_argument

}  // namespace binge
