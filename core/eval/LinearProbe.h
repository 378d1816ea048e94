#pragma once
// The linear probe of docs/architecture.md, Evaluation: multinomial logistic regression on standardised frozen
// features. Features are standardised with the training part's mean and std; the L2 weight decay is chosen from a
// small grid by accuracy on a validation part of the training items, then the model is refitted on all training items
// with that decay. Full-batch accelerated gradient descent on CPU: probe sets are small.
#include <torch/torch.h>

#include <vector>

namespace binge {

struct LinearProbeOptions {
  std::vector<double> weightDecays = {1e-4, 1e-3, 1e-2, 1e-1, 1.0};
  int iterations = 300;  // gradient steps per fit
};

struct LinearProbeFit {
  torch::Tensor predictions;  // [Q] long, for the test rows
  double weightDecay = 0;     // the chosen one
};

// trainX [N, D], trainY [N] long; validation rows are a subset of train given by mask (true = validation);
// testX [Q, D]. With no validation rows the middle of the grid is used.
LinearProbeFit linearProbe(const torch::Tensor& trainX, const torch::Tensor& trainY, const std::vector<bool>& validation,
                           const torch::Tensor& testX, int classes, const LinearProbeOptions& options = {});

}  // namespace binge
