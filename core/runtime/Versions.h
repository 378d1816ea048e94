#pragma once
// Versions of Binge and of the libraries it was built against, for --version and Help → About.
#include <string>

namespace binge {

std::string bingeVersion();
std::string libtorchVersion();
std::string ffmpegVersion();  // FFmpeg release plus libavcodec/libavformat versions

}  // namespace binge
