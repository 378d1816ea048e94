#include "eval/RandomInitProbe.h"

#include "model/AudioVisualModel.h"

namespace binge {

ProbeReport probeRandomInit(const TrainConfig& config, const ProbeInputs& inputs, torch::Device device,
                            const ProbeOptions& options) {
  // Same seeding as Trainer::build (and loadEvalModel's random init): the run's step-0 weights.
  torch::manual_seed(config.seed);
  AudioVisualModel model(config.model);
  model->to(device);
  model->eval();
  const FeatureSet features = extractFeatures(model, device, inputs);
  return evaluateProbes(features, inputs, options);
}

}  // namespace binge
