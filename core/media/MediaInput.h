#pragma once
// Opening a media file for reading: checks that the path is a readable, non-empty regular file, then
// lets FFmpeg recognise the format by content (never by extension) and read its stream parameters.
#include "media/FfmpegPtr.h"

#include <string>

namespace binge::media {

// Throws MediaError naming the file and the reason (missing, a directory, unreadable, empty, not media).
InputFormatPtr openMediaInput(const std::string& path);

// Seconds of a timestamp in a time base (NaN when ts is AV_NOPTS_VALUE).
double timestampSeconds(int64_t ts, AVRational timeBase);

}  // namespace binge::media
