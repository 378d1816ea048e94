#include "media/MediaError.h"

#include "runtime/Log.h"

#include <cstdint>  // before FFmpeg's headers, which need UINT64_C in C++

extern "C" {
#include <libavutil/avutil.h>
#include <libavutil/error.h>
}

#include <cstdio>
#include <mutex>

namespace binge::media {

std::string ffmpegErrorText(int errorCode) {
  char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(errorCode, buffer, sizeof buffer);
  return buffer;
}

int checkFfmpeg(int errorCode, const std::string& path, const std::string& what) {
  if (errorCode < 0) throw MediaError(path, what + ": " + ffmpegErrorText(errorCode));
  return errorCode;
}

namespace {
thread_local int silenceDepth = 0;

void ffmpegLogCallback(void* avcl, int level, const char* format, va_list args) {
  if (level > AV_LOG_WARNING) return;  // info, verbose and debug are FFmpeg's business
  if (silenceDepth > 0) return;
  char line[1024];
  int prefix = 1;
  av_log_format_line2(avcl, level, format, args, line, sizeof line, &prefix);
  std::string message(line);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  if (message.empty()) return;
  log(level <= AV_LOG_ERROR ? LogLevel::Warning : LogLevel::Debug, "ffmpeg: " + message);
}
}  // namespace

FfmpegLogSilence::FfmpegLogSilence() { ++silenceDepth; }
FfmpegLogSilence::~FfmpegLogSilence() { --silenceDepth; }

void installFfmpegLogRouting() {
  static std::once_flag once;
  std::call_once(once, [] { av_log_set_callback(ffmpegLogCallback); });
}

}  // namespace binge::media
