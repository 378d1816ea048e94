#include "eval/RetrievalDirection.h"

#include <stdexcept>

namespace binge {

RetrievalDirection parseRetrievalDirection(const std::string& text) {
  if (text == "v2v") return RetrievalDirection::VideoToVideo;
  if (text == "a2a") return RetrievalDirection::AudioToAudio;
  if (text == "v2a") return RetrievalDirection::VideoToAudio;
  if (text == "a2v") return RetrievalDirection::AudioToVideo;
  throw std::invalid_argument("unknown retrieval direction '" + text + "' (v2v, a2a, v2a or a2v)");
}

const char* toString(RetrievalDirection d) {
  switch (d) {
    case RetrievalDirection::VideoToVideo: return "v2v";
    case RetrievalDirection::AudioToAudio: return "a2a";
    case RetrievalDirection::VideoToAudio: return "v2a";
    case RetrievalDirection::AudioToVideo: return "a2v";
  }
  return "?";
}

}  // namespace binge
