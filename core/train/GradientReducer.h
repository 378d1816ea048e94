#pragma once
// Data-parallel gradient averaging, bucketed and overlapped with the backward pass (what DDP's reducer
// does): parameters are grouped into buckets of about `bucketMegabytes` in reverse registration order
// (roughly the order backward produces their gradients). A hook on each parameter copies its gradient
// into the bucket's flat buffer; when a bucket is full its all-reduce starts while backward goes on.
// Buckets start strictly in index order on every rank — collectives must be issued in the same order
// everywhere. finish() starts what is left (a parameter that got no gradient contributes zeros), waits,
// divides by the world size and writes the averages into .grad.
#include "train/DistributedSession.h"

#include <torch/torch.h>

#include <mutex>
#include <vector>

namespace binge {

class GradientReducer {
 public:
  GradientReducer(std::vector<torch::Tensor> parameters, DistributedSession& session, double bucketMegabytes = 25.0);
  GradientReducer(const GradientReducer&) = delete;
  GradientReducer& operator=(const GradientReducer&) = delete;

  // Arms the hooks for the next backward pass.
  void prepare();
  // After backward: averaged gradients in every parameter's .grad. Returns ms spent waiting.
  double finish();

  int bucketCount() const { return static_cast<int>(buckets_.size()); }
  std::int64_t elementCount() const;

 private:
  struct Slot {
    int bucket = 0;
    std::int64_t offset = 0;
  };
  struct Bucket {
    std::vector<int> parameters;
    torch::Tensor flat;
    int pending = 0;
    bool started = false;
    std::vector<bool> filled;  // per parameter of the bucket
    c10::intrusive_ptr<c10d::Work> work;
  };
  void onGradient(int parameter, const torch::Tensor& grad);
  void startReadyBuckets();  // under mutex_

  std::vector<torch::Tensor> parameters_;
  std::vector<Slot> slots_;
  std::vector<Bucket> buckets_;
  DistributedSession& session_;
  std::mutex mutex_;
  bool armed_ = false;
  int nextToStart_ = 0;
};

}  // namespace binge
