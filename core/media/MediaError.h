#pragma once
// Typed errors of the media layer. Every FFmpeg failure becomes a MediaError that names the file and
// carries FFmpeg's own message. End of stream is not an error and has its own type.
#include "runtime/Error.h"
#include <stdexcept>
#include <string>

namespace binge::media {

class MediaError : public Error {
 public:
  MediaError(const std::string& path, const std::string& reason)
      : Error(ErrorKind::Input, path + ": " + reason), path_(path), reason_(reason) {}
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

struct EndOfStream {};

// FFmpeg's text for an error code (av_strerror).
std::string ffmpegErrorText(int errorCode);

// Throws MediaError(path, what + ": " + FFmpeg's message) when errorCode < 0; returns it otherwise.
int checkFfmpeg(int errorCode, const std::string& path, const std::string& what);

// Routes FFmpeg's own log through binge's log at warning level (call once per process; idempotent).
void installFfmpegLogRouting();

// While one is alive, FFmpeg messages logged from this thread are dropped. Used where a failure turns
// into a MediaError with the same reason anyway (opening and probing files that may not be media), so
// a user sees one clear line instead of FFmpeg's chatter followed by it.
class FfmpegLogSilence {
 public:
  FfmpegLogSilence();
  ~FfmpegLogSilence();
  FfmpegLogSilence(const FfmpegLogSilence&) = delete;
  FfmpegLogSilence& operator=(const FfmpegLogSilence&) = delete;
};

}  // namespace binge::media
