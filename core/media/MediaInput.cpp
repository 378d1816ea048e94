#include "media/MediaInput.h"

#include "media/MediaError.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace binge::media {

InputFormatPtr openMediaInput(const std::string& path) {
  installFfmpegLogRouting();
  // Check the file ourselves first: FFmpeg's messages for these cases ("Invalid data found when
  // processing input" for a directory, for instance) do not tell a user what is wrong.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw MediaError(path, std::string("cannot open: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw MediaError(path, "is a directory, not a media file");
  if (!S_ISREG(st.st_mode)) throw MediaError(path, "not a regular file");
  if (::access(path.c_str(), R_OK) != 0) throw MediaError(path, std::string("cannot read: ") + std::strerror(errno));
  if (st.st_size == 0) throw MediaError(path, "empty file (0 bytes)");

  const FfmpegLogSilence quiet;  // a failure below becomes a MediaError with the reason
  AVFormatContext* raw = nullptr;  // FFmpeg allocates through this out-parameter
  const int opened = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
  if (opened < 0) throw MediaError(path, "not a recognised media file: " + ffmpegErrorText(opened));
  InputFormatPtr input(raw);
  const int found = avformat_find_stream_info(input.get(), nullptr);
  if (found < 0) throw MediaError(path, "cannot read stream information: " + ffmpegErrorText(found));
  return input;
}

double timestampSeconds(int64_t ts, AVRational timeBase) {
  if (ts == AV_NOPTS_VALUE) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(ts) * av_q2d(timeBase);
}

}  // namespace binge::media
