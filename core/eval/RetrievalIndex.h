#pragma once
// Embeddings of every clip window of a library for one checkpoint (docs/architecture.md, Evaluation), for cosine top-k
// retrieval in four directions: v2v, a2a (within a modality) and v2a, a2v (across). Building reads
// every window of every title, so the index is cached in the run directory (retrieval/index.pt) under a
// key made of the checkpoint's identity (path and parameter checksum), the library file's content hash
// and the clip geometry: a new checkpoint or a changed library rebuilds it, anything else reuses it.
#include "eval/EvalModel.h"
#include "eval/FeatureExtractor.h"
#include "eval/RetrievalDirection.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <filesystem>
#include <string>
#include <vector>

namespace binge {

struct RetrievalItem {
  std::string titleId;
  std::string titleName;
  int titleIndex = -1;
  double start = 0.0;  // seconds
};

struct RetrievalHit {
  std::int64_t row = -1;
  RetrievalItem item;
  double score = 0.0;  // cosine similarity
};

class RetrievalIndex {
 public:
  // Builds from the library's windows (clip length stride) with the model, in batches.
  static RetrievalIndex build(EvalModel& model, const std::filesystem::path& libraryPath,
                              const ExtractProgress& progress = {});
  // The cached index when its key matches, else build() and save it. rebuilt tells which happened.
  static RetrievalIndex openOrBuild(EvalModel& model, const std::filesystem::path& runDir,
                                    const std::filesystem::path& libraryPath, bool* rebuilt = nullptr,
                                    const ExtractProgress& progress = {});
  static std::filesystem::path cachePath(const std::filesystem::path& runDir);
  // What identifies an index's content (see above).
  static nlohmann::json keyFor(EvalModel& model, const std::filesystem::path& libraryPath);

  void save(const std::filesystem::path& file) const;  // atomic (temp + rename)
  // Throws std::runtime_error naming the file when unreadable.
  static RetrievalIndex load(const std::filesystem::path& file);

  // Row of the window holding `seconds` of title `titleId`; throws std::invalid_argument naming the
  // title when unknown or the time is outside it.
  std::int64_t findRow(const std::string& titleId, double seconds) const;
  // Top-k for the window at `row` (queried with its own embedding of the direction's query modality).
  std::vector<RetrievalHit> query(std::int64_t row, RetrievalDirection direction, int k) const;
  std::vector<RetrievalHit> query(const torch::Tensor& embedding, RetrievalDirection direction, int k) const;

  std::int64_t size() const { return static_cast<std::int64_t>(items_.size()); }
  const std::vector<RetrievalItem>& items() const { return items_; }
  const torch::Tensor& videoEmbeddings() const { return video_; }  // [N, E] unit length
  const torch::Tensor& audioEmbeddings() const { return audio_; }
  const nlohmann::json& key() const { return key_; }
  double buildSeconds() const { return buildSeconds_; }

 private:
  std::vector<RetrievalItem> items_;
  torch::Tensor video_, audio_;
  nlohmann::json key_;
  double buildSeconds_ = 0;
};

}  // namespace binge
