#pragma once
// A run's model for the GUI's Batches tab behind a torch-free header (docs/architecture.md, Layers and data flow):
// the video–audio similarity matrix of a drawn batch, computed as the loss sees it — cosine of the head embeddings
// (entry [i][j] = video of clip i · audio of clip j; the diagonal holds the positives). Clips are loaded in
// evaluation mode (centre crop, no jitter) through the prepared cache of the library when present, decoded directly
// otherwise.
//
// Thread-safety: open() from one thread while nobody else uses the service; afterwards
// videoAudioSimilarity() may be called from any thread (calls are serialised inside).
#include "library/Library.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace binge {

struct SimilarityClip {
  int titleIndex = -1;  // into the library passed along
  double start = 0.0;   // seconds
};

struct SimilarityMatrix {
  int size = 0;               // n clips
  std::vector<float> values;  // row-major n × n: values[i * n + j] = cos(video_i, audio_j)
  double seconds = 0.0;       // load + forward time
  float at(int videoClip, int audioClip) const { return values[static_cast<size_t>(videoClip * size + audioClip)]; }
};

class ClipSimilarityService {
 public:
  ClipSimilarityService();
  ~ClipSimilarityService();
  ClipSimilarityService(const ClipSimilarityService&) = delete;
  ClipSimilarityService& operator=(const ClipSimilarityService&) = delete;

  // Loads the model of `checkpoint` ("latest" or a checkpoint file) of the run. device: "" = the
  // run's. Throws std::runtime_error naming the run or file and the reason.
  void open(const std::string& runDir, const std::string& checkpoint = "latest", const std::string& device = {});
  bool isOpen() const;
  std::string runDir() const;
  std::string checkpoint() const;  // path of the loaded checkpoint
  std::int64_t step() const;
  double temperature() const;      // τ of the run's InfoNCE (logits = similarity / τ)

  // The n × n matrix for `clips` of `library` (saved at libraryPath; its prepared cache is used when
  // the run's geometry has one). Throws std::runtime_error naming the title on a clip that cannot load.
  SimilarityMatrix videoAudioSimilarity(const Library& library, const std::string& libraryPath,
                                        const std::vector<SimilarityClip>& clips) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace binge
