#pragma once
// Which part of a global batch this process trains on (data-parallel training, docs/distributed.md). Every
// rank draws the same global batch of count × B clips from the same seeded sampler and keeps the slice
// [rank·B, (rank+1)·B). The hierarchical sampler lays a batch out title by title, so with M titles per
// rank each rank gets whole titles: same-title negatives stay inside a rank's batch, no clip is trained
// twice, and the global batch (and its statistics) is the same as a single process would draw.
#include <cstdint>

namespace binge {

struct Shard {
  int rank = 0;
  int count = 1;
  bool sharded() const { return count > 1; }
};

// A source's state records the shard count it was saved with. Restoring under another count keeps the
// position in the data (clips consumed) rather than the batch number: the global batch grows with the
// count, so n batches of the old size are n·old/new batches of the new size (rounded down).
inline std::int64_t reshardedBatches(std::int64_t batches, int savedCount, int currentCount) {
  if (savedCount < 1 || currentCount < 1 || savedCount == currentCount) return batches;
  return batches * savedCount / currentCount;
}

}  // namespace binge
