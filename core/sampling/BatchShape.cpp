#include "sampling/BatchShape.h"

namespace binge {

std::string hierarchicalBatchProblem(int batchSize, int titlesPerBatch) {
  if (titlesPerBatch < 1) return "titles per batch (M) must be at least 1, not " + std::to_string(titlesPerBatch);
  if (titlesPerBatch > batchSize)
    return "titles per batch (" + std::to_string(titlesPerBatch) + ") cannot exceed the batch size (" +
           std::to_string(batchSize) + ")";
  if (batchSize % titlesPerBatch != 0)
    return "batch size " + std::to_string(batchSize) + " is not divisible by titles per batch " +
           std::to_string(titlesPerBatch) + " (hierarchical sampling draws B / M clips per title)";
  return {};
}

double expectedSameTitleShare(int batchSize, int titlesPerBatch) {
  if (batchSize < 2 || titlesPerBatch < 1) return 0.0;
  const int k = batchSize / titlesPerBatch;
  return static_cast<double>(k - 1) / (batchSize - 1);
}

GlobalBatchShape globalBatchShape(int batchSizePerRank, int titlesPerBatchPerRank, int ranks) {
  return {batchSizePerRank * ranks, titlesPerBatchPerRank * ranks};
}

}  // namespace binge
