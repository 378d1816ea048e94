#pragma once
// Recycles the memory of the pipeline's batch tensors. A batch is 12 MB (tiny) to 40 MB (112² crops)
// of floats; glibc serves blocks that large straight from mmap and unmaps them on free, so every
// fresh batch paid a page fault and a kernel page-zeroing per 4 KB — 35% of the loader's CPU time at
// 112² (perf, `bench load`). Tensors made here hand their buffer back to the pool when the last
// tensor that uses it dies (the consumer is done with the batch), and the next batch of the same size
// reuses it without touching the kernel.
//
// Thread-safe. The pool may die before its tensors: a buffer returned after that is freed.
#include <torch/torch.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace binge {

class TensorBufferPool : public std::enable_shared_from_this<TensorBufferPool> {
 public:
  // Keeps at most `maxIdle` unused buffers; more are freed on return.
  static std::shared_ptr<TensorBufferPool> create(size_t maxIdle);
  ~TensorBufferPool();

  // An uninitialised float32 CPU tensor of `sizes`, on a recycled buffer when one of the size is idle.
  torch::Tensor emptyFloat(torch::IntArrayRef sizes);

  size_t allocations() const;  // buffers ever allocated (tests: stays small when batches are released)
  size_t idle() const;

 private:
  explicit TensorBufferPool(size_t maxIdle) : maxIdle_(maxIdle) {}
  void giveBack(void* data, size_t bytes);

  struct Buffer {
    void* data;
    size_t bytes;
  };
  mutable std::mutex mutex_;
  std::vector<Buffer> idle_;
  size_t maxIdle_;
  size_t allocations_ = 0;
};

}  // namespace binge
