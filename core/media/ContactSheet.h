#pragma once
// A contact sheet of one decoded clip, for eyes and bug reports: the frames in a row (wrapping after
// eight), each labelled with its target time and the source frame's time, and under them the log-mel
// spectrogram (low frequencies at the bottom) with a time axis, plus a header naming the file, the
// start and the spec, and the clip's flags (audio padded, past the end).
#include "media/ClipSpec.h"
#include "media/DecodedClip.h"
#include "media/RgbImage.h"

#include <string>

namespace binge::media {

// `spec` is the one the clip was decoded with (frame rate and audio length label the axes).
RgbImage renderContactSheet(const DecodedClip& clip, const ClipSpec& spec, const std::string& title);

}  // namespace binge::media
