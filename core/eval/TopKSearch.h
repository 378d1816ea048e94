#pragma once
// Exact top-k by inner product over a large embedding matrix. Queries are answered in batches with
// one matrix multiply per block of database rows: a single query is a matrix-vector product bound by
// memory bandwidth (a 1M × 128 float32 scan reads 512 MB per query), while a batch of queries reads the
// database once for all of them and runs at matrix-multiply speed. Blocks keep the score matrix small.
#include <torch/torch.h>

namespace binge {

struct TopK {
  torch::Tensor scores;   // [Q, k] float, best first
  torch::Tensor indices;  // [Q, k] long rows of the database
};

// database [N, D], queries [Q, D] (same dtype; float32 on CPU uses oneDNN). k is capped at N.
TopK exactTopK(const torch::Tensor& database, const torch::Tensor& queries, int k, std::int64_t blockRows = 1 << 16);

}  // namespace binge
