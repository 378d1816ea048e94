#pragma once
// PCA of embeddings to 2-D for the embedding map. The result is plain data (torch-free header) so the
// GUI can plot it without including LibTorch.
#include <cstdint>
#include <vector>

namespace binge {

struct Pca2D {
  std::vector<float> x, y;           // one point per row
  double explainedVariance[2] = {0, 0};  // share of the total variance along each axis
};

// data: rows × cols, row-major. Rows are centred; the axes are the top two right singular vectors,
// signs fixed so that the largest |coordinate| on each axis is positive (stable between runs).
// Throws std::invalid_argument for fewer than 2 rows or 2 cols.
Pca2D pca2d(const std::vector<float>& data, std::int64_t rows, std::int64_t cols);

}  // namespace binge
