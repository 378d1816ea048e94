#include "sampling/Sampler.h"

#include "sampling/HierarchicalSampler.h"
#include "sampling/TitleBalancedSampler.h"
#include "sampling/UniformSampler.h"

#include <stdexcept>

namespace binge {

Sampler::Sampler(const ClipIndex& index, const SamplerConfig& config)
    : rng_(config.seed), index_(index), config_(config) {
  if (config.batchSize < 1) throw std::invalid_argument("batch size must be at least 1");
  if (index.titles().empty()) throw std::invalid_argument("the library has no trainable titles");
}

std::vector<ClipWindow> Sampler::nextBatch() {
  auto batch = draw();
  ++batchesDrawn_;
  return batch;
}

ClipWindow Sampler::window(int entry, int windowNumber) const {
  return {entry, windowNumber, index_.windowStart(windowNumber)};
}

nlohmann::json Sampler::state() const {
  nlohmann::json out = {{"kind", config_.kind}, {"seed", config_.seed}, {"batches_drawn", batchesDrawn_}};
  out.update(shapeState());
  return out;
}

nlohmann::json Sampler::shapeState() const {
  return {{"batch_size", config_.batchSize}, {"titles_per_batch", config_.titlesPerBatch}};
}

void Sampler::restore(const nlohmann::json& state) {
  if (state.value("kind", std::string()) != config_.kind || state.value("seed", std::uint64_t{0}) != config_.seed ||
      state.value("batch_size", 0) != config_.batchSize)
    throw std::invalid_argument("sampler state is for another sampler (" + state.dump() + ")");
  const auto target = state.at("batches_drawn").get<std::int64_t>();
  reset();
  rng_.seed(config_.seed);
  epoch_ = 0;
  batchesDrawn_ = 0;
  while (batchesDrawn_ < target) nextBatch();
}

std::vector<std::string> samplerKinds() { return {"uniform", "title-balanced", "hierarchical"}; }

std::unique_ptr<Sampler> makeSampler(const ClipIndex& index, const SamplerConfig& config) {
  if (config.kind == "uniform") return std::make_unique<UniformSampler>(index, config);
  if (config.kind == "title-balanced") return std::make_unique<TitleBalancedSampler>(index, config);
  if (config.kind == "hierarchical") return std::make_unique<HierarchicalSampler>(index, config);
  throw std::invalid_argument("unknown sampler '" + config.kind + "' (choose uniform, title-balanced or hierarchical)");
}

}  // namespace binge
