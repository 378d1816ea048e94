#pragma once
// Writes a retrieval index's embeddings for other tools: NumPy .npy files (float32, C order)
// with a metadata .tsv, and the TensorBoard projector pair (vectors.tsv without header, metadata.tsv
// with one). Files are written under temporary names and renamed.
#include "eval/RetrievalIndex.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binge {

struct ExportedFiles {
  std::vector<std::string> files;  // absolute paths written
};

// [rows, cols] float32 tensor → .npy version 1.0. Throws std::runtime_error naming the file.
void writeNpy(const std::filesystem::path& file, const torch::Tensor& matrix);

// outDir/video_embeddings.npy, audio_embeddings.npy, metadata.tsv (row, title_id, title, start_s,
// pca_x, pca_y of the video embedding), projector/vectors.tsv (video) + projector/metadata.tsv, and
// projector/audio_vectors.tsv (same metadata).
ExportedFiles exportEmbeddings(const RetrievalIndex& index, const std::filesystem::path& outDir);

}  // namespace binge
