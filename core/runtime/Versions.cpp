#include "runtime/Versions.h"

#include <torch/version.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace binge {

std::string bingeVersion() { return BINGE_VERSION; }

std::string libtorchVersion() { return TORCH_VERSION; }

std::string ffmpegVersion() {
  auto dotted = [](unsigned v) {
    return std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) + "." +
           std::to_string(AV_VERSION_MICRO(v));
  };
  return std::string(av_version_info()) + " (libavcodec " + dotted(avcodec_version()) +
         ", libavformat " + dotted(avformat_version()) + ")";
}

}  // namespace binge
