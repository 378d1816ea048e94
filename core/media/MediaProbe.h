#pragma once
// What a media file holds, found by content (FFmpeg's probe), not by extension: duration, the best
// video and audio streams with their codecs, sizes, rates and time bases, and display rotation.
// Torch-free and Qt-free: the library importer and the GUI use it.
#include <optional>
#include <string>

struct AVFormatContext;

namespace binge::media {

struct ProbedVideo {
  int streamIndex = -1;
  std::string codec;     // FFmpeg codec name, e.g. "h264"
  int width = 0;
  int height = 0;
  double fps = 0.0;      // average frame rate; the stream's base rate when that is unknown; 0 if neither
  int timeBaseNum = 0;
  int timeBaseDen = 1;
  int rotation = 0;      // display rotation from the display-matrix side data, normalised to 0..359
  bool intraOnly = false;  // every frame is a keyframe (MJPEG, ...)
};

struct ProbedAudio {
  int streamIndex = -1;
  std::string codec;
  int sampleRate = 0;
  int channels = 0;
  std::string sampleFormat;  // e.g. "fltp", "s16", "u8"
};

struct MediaInfo {
  std::string path;
  std::string formatName;   // demuxer, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  double duration = 0.0;    // seconds, as ffprobe reports it (container duration, else longest stream)
  double startTime = 0.0;   // container start time in seconds; clip times are relative to it
  std::optional<ProbedVideo> video;
  std::optional<ProbedAudio> audio;
  // Filled only when probeMedia(path, true) tried to decode the first video frame and could not:
  // a human reason (the header is fine but the data is broken or missing).
  std::string videoDecodeProblem;
};

// Throws MediaError naming the file and the reason when it cannot be opened as media.
// With checkDecode, also decodes the first video frame (one open for both).
MediaInfo probeMedia(const std::string& path, bool checkDecode = false);

// The same description from an input already opened (by openMediaInput).
MediaInfo describeMediaInput(const std::string& path, const AVFormatContext& input);


}  // namespace binge::media
