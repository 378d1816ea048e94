#pragma once
// k-nearest-neighbour classification on cosine similarity (docs/architecture.md, Evaluation: k = 10, top-1). A majority
// vote of the k most similar training items; ties go to the class with the larger summed similarity.
#include <torch/torch.h>

namespace binge {

// train [N, D], trainLabels [N] long, queries [Q, D] → predicted labels [Q] long. k is capped at N.
torch::Tensor knnPredict(const torch::Tensor& train, const torch::Tensor& trainLabels, const torch::Tensor& queries,
                         int classes, int k = 10);

}  // namespace binge
