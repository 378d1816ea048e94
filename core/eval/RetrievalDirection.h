#pragma once
// The four retrieval directions of docs/architecture.md, Evaluation. Torch-free, so the GUI can offer them by name.
#include <string>

namespace binge {

// v2v, a2a: within a modality; v2a, a2v: the query's modality against the other one's embeddings.
enum class RetrievalDirection { VideoToVideo, AudioToAudio, VideoToAudio, AudioToVideo };

// "v2v" | "a2a" | "v2a" | "a2v"; throws std::invalid_argument otherwise.
RetrievalDirection parseRetrievalDirection(const std::string& text);
const char* toString(RetrievalDirection direction);

// Which embeddings the query uses and which it is compared against.
inline bool queriesWithVideo(RetrievalDirection d) {
  return d == RetrievalDirection::VideoToVideo || d == RetrievalDirection::VideoToAudio;
}
inline bool searchesVideo(RetrievalDirection d) {
  return d == RetrievalDirection::VideoToVideo || d == RetrievalDirection::AudioToVideo;
}

}  // namespace binge
