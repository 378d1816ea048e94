#pragma once
// A run's retrieval for the GUI behind a torch-free header (docs/architecture.md, Layers and data flow: ui never
// includes LibTorch). It opens one checkpoint of a run, builds or loads the run's cached retrieval index (the same
// retrieval/index.pt as `binge-cli retrieve`, see RetrievalIndex), answers top-k queries in the four directions and
// gives the 2-D PCA map of every indexed window. Everything returned is plain data.
//
// Thread-safety: open() and prepareIndex() change the service: call them from one thread (a worker)
// while nobody else uses it. Afterwards the const methods may run concurrently from any thread (the
// GUI hands a shared_ptr<const RetrievalService> to its query jobs).
#include "runtime/Error.h"
#include "eval/RetrievalDirection.h"
#include "library/Library.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace binge {

// One indexed clip window: row r of the index is windows()[r].
struct RetrievalWindow {
  std::string titleId;
  std::string titleName;
  std::string series;  // empty for movies
  int titleIndex = -1; // into library()->titles
  double start = 0.0;  // seconds
};

struct RetrievalMatch {
  std::int64_t row = -1;  // into windows()
  std::string titleId;
  int titleIndex = -1;
  double start = 0.0;     // seconds
  double score = 0.0;     // cosine similarity
};

// PCA of the windows' embeddings of one modality: point i is windows()[i].
struct RetrievalMap {
  bool video = true;
  std::vector<float> x, y;
  double explainedVariance[2] = {0, 0};
};

// prepareIndex() was asked to stop by its progress callback.
// The user withdrew the request: a usage error, not a failure.
struct RetrievalCancelled : Error {
  RetrievalCancelled() : Error(ErrorKind::Usage, "index building cancelled") {}
};

class RetrievalService {
 public:
  // (done, total) windows embedded; return false to cancel.
  using Progress = std::function<bool(std::int64_t done, std::int64_t total)>;

  RetrievalService();
  ~RetrievalService();
  RetrievalService(const RetrievalService&) = delete;
  RetrievalService& operator=(const RetrievalService&) = delete;

  // Loads the model of `checkpoint` ("latest" = newest valid one, or a checkpoint file) and the run's
  // library (libraryPath overrides the one in config.json). device: "" = the run's. Throws
  // std::runtime_error with a message naming the run or file and the reason.
  void open(const std::string& runDir, const std::string& checkpoint = "latest", const std::string& libraryPath = {},
            const std::string& device = {});
  // The cached index when it belongs to this checkpoint and library, else builds it (reading every
  // window of the library: minutes for a real one) and caches it. Returns true when it was built.
  // Throws RetrievalCancelled when progress returned false, std::runtime_error on other failures.
  bool prepareIndex(const Progress& progress = {});

  bool isOpen() const;
  bool hasIndex() const;
  std::string runDir() const;
  std::string checkpoint() const;  // absolute path of the loaded checkpoint
  std::int64_t step() const;       // of that checkpoint
  std::string libraryPath() const;
  std::shared_ptr<const Library> library() const;
  bool indexWasCached() const;
  double buildSeconds() const;     // of the index as built (also when it came from the cache)

  // Valid after prepareIndex(); empty before.
  const std::vector<RetrievalWindow>& windows() const;
  // Row of the window holding `seconds` of the title; throws std::invalid_argument naming the title.
  std::int64_t findRow(const std::string& titleId, double seconds) const;
  // Top-k, best first. Throws std::invalid_argument for an unknown title/time or a row out of range,
  // std::logic_error before prepareIndex().
  std::vector<RetrievalMatch> query(const std::string& titleId, double seconds, RetrievalDirection direction, int k) const;
  std::vector<RetrievalMatch> query(std::int64_t row, RetrievalDirection direction, int k) const;
  // PCA to 2-D of all windows' video (or audio) embeddings. Needs at least 2 windows.
  RetrievalMap map(bool video = true) const;

  // Checkpoint files of a run, newest first (torch-free directory listing; empty when none).
  struct CheckpointEntry {
    std::int64_t step = 0;
    std::string path;
  };
  static std::vector<CheckpointEntry> checkpoints(const std::string& runDir);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace binge
