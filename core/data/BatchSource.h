#pragma once
// Where the trainer gets batches from. The real implementation draws clips with a sampler and loads
// them from the prepared cache on worker threads; tests and the compute-only benchmark use in-memory
// sources. State (sampler position, RNG) is JSON so it can travel inside a checkpoint.
#include "data/Batch.h"

#include <nlohmann/json.hpp>

namespace binge {

class BatchSource {
 public:
  virtual ~BatchSource() = default;
  // Blocks until the next batch is ready. Throws on unrecoverable errors.
  virtual Batch next() = 0;
  // Everything needed to continue the same sequence after a restart.
  virtual nlohmann::json state() const = 0;
  virtual void restore(const nlohmann::json& state) = 0;
};

}  // namespace binge
