#include "sampling/HierarchicalSampler.h"

#include "sampling/BatchShape.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace binge {
namespace {
constexpr double kEpsilon = 1e-6;

std::vector<int> usableTitles(const ClipIndex& index, const SamplerConfig& config, std::vector<std::string>& notes) {
  if (const auto problem = hierarchicalBatchProblem(config); !problem.empty())
    throw std::invalid_argument(problem);
  if (config.minGapSeconds < 0) throw std::invalid_argument("min gap must not be negative");
  const int k = titleLayout(config).clipsPerTitle;  // B / M exactly, the shape being valid
  std::vector<int> usable;
  for (size_t e = 0; e < index.titles().size(); ++e) {
    const auto& t = index.titles()[e];
    const int most = HierarchicalSampler::maxClipsAtGap(t, index.strideSeconds(), config.minGapSeconds);
    if (most >= k) {
      usable.push_back(static_cast<int>(e));
    } else {
      notes.push_back("left out " + t.id + ": gives at most " + std::to_string(most) + " clips " +
                      std::to_string(config.minGapSeconds) + " s apart, K = " + std::to_string(k));
    }
  }
  if (static_cast<int>(usable.size()) < config.titlesPerBatch)
    throw std::invalid_argument("only " + std::to_string(usable.size()) + " titles can give K = " + std::to_string(k) +
                                " clips at least " + std::to_string(config.minGapSeconds) + " s apart, but M = " +
                                std::to_string(config.titlesPerBatch) + " titles per batch are needed");
  return usable;
}
}  // namespace

int HierarchicalSampler::maxClipsAtGap(const IndexedTitle& title, double strideSeconds, double minGapSeconds) {
  if (minGapSeconds <= strideSeconds) return title.windowCount;
  const int step = static_cast<int>(std::ceil(minGapSeconds / strideSeconds - kEpsilon));
  return (title.windowCount - 1) / step + 1;
}

HierarchicalSampler::HierarchicalSampler(const ClipIndex& index, const SamplerConfig& config)
    : Sampler(index, config),
      clipsPerTitle_(titleLayout(config).clipsPerTitle),
      usable_(usableTitles(index, config, notes_)),
      cycle_(usable_, titleWeights(index, usable_, config.titleWeightAlpha)),
      pool_(index) {}

void HierarchicalSampler::reset() {
  cycle_.reset();
  pool_.reset();
  fallbacks_ = 0;
}

std::vector<int> HierarchicalSampler::evenlySpaced(int entry) {
  const int windows = index_.titles()[entry].windowCount;
  const int step = std::max(1, static_cast<int>(std::ceil(config_.minGapSeconds / index_.strideSeconds() - kEpsilon)));
  const int span = (clipsPerTitle_ - 1) * step;
  std::uniform_int_distribution<int> offset(0, windows - 1 - span);
  const int first = offset(rng_);
  std::vector<int> chosen;
  for (int k = 0; k < clipsPerTitle_; ++k) chosen.push_back(first + k * step);
  return chosen;
}

std::vector<ClipWindow> HierarchicalSampler::draw() {
  std::vector<ClipWindow> batch;
  batch.reserve(static_cast<size_t>(config_.batchSize));
  std::vector<int> titles;
  const double stride = index_.strideSeconds();
  for (int m = 0; m < config_.titlesPerBatch; ++m) {
    const int entry = cycle_.next(rng_, titles);
    titles.push_back(entry);
    std::vector<int> chosen;
    for (int k = 0; k < clipsPerTitle_; ++k) {
      const int w = pool_.take(entry, rng_, [&](int candidate) {
        return std::all_of(chosen.begin(), chosen.end(), [&](int other) {
          return std::abs(candidate - other) * stride + kEpsilon >= config_.minGapSeconds;
        });
      });
      if (w < 0) break;
      chosen.push_back(w);
    }
    if (static_cast<int>(chosen.size()) < clipsPerTitle_) {
      chosen = evenlySpaced(entry);
      ++fallbacks_;
    }
    for (int w : chosen) batch.push_back(window(entry, w));
  }
  epoch_ = cycle_.epochsCompleted();
  return batch;
}

}  // namespace binge
