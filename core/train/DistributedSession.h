#pragma once
// This process's membership in a data-parallel job: the c10d TCPStore rendezvous and a process group
// (Gloo on CPU; NCCL for CUDA when LibTorch was built with it, else Gloo, which also moves CUDA
// tensors). Every collective goes through here so that a failure — a peer that died, a timeout — comes
// out as one DistributedError that names this rank and what it was doing.
#include "runtime/Error.h"
#include "train/DistributedEnvironment.h"

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/Store.hpp>
#include <torch/torch.h>
#include <torch/version.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace binge {

// LibTorch 2 split the process group into a front end and per-device backends; Gloo is a backend.
#if TORCH_VERSION_MAJOR >= 2
using CollectiveGroup = c10d::Backend;
#else
using CollectiveGroup = c10d::ProcessGroup;
#endif

struct DistributedError : Error {
  explicit DistributedError(const std::string& message) : Error(ErrorKind::Io, message) {}
};

class DistributedSession {
 public:
  // Joins the job: blocks until all ranks have connected (or the timeout passes, then throws
  // DistributedError). `device` decides the backend when env.backend is "auto".
  DistributedSession(const DistributedEnvironment& env, const torch::Device& device);

  int rank() const { return env_.rank; }
  int worldSize() const { return env_.worldSize; }
  const DistributedEnvironment& environment() const { return env_; }
  std::string backend() const { return backend_; }

  // In place, sum over ranks. `what` names the operation in errors ("gradient bucket 3").
  void allReduceSum(torch::Tensor& tensor, const std::string& what);
  // Starts a sum in place; wait() on the returned work (or through waitFor) before reading the tensor.
  c10::intrusive_ptr<c10d::Work> startAllReduceSum(torch::Tensor& tensor);
  void waitFor(const c10::intrusive_ptr<c10d::Work>& work, const std::string& what);
  // [world · n, …] from every rank's [n, …], in rank order. No gradient (see GlobalGather.h).
  torch::Tensor allGather(const torch::Tensor& local, const std::string& what);
  // In place, rank 0's values everywhere.
  void broadcastFromRoot(std::vector<torch::Tensor>& tensors, const std::string& what);
  void barrier(const std::string& what);
  // Rank 0's bytes for `key` on every rank (config, run paths): set by rank 0, read by the others.
  std::string shareFromRoot(const std::string& key, const std::string& valueOnRoot);

 private:
  [[noreturn]] void fail(const std::string& what, const std::exception& e) const;
  DistributedEnvironment env_;
  std::string backend_;
  c10::intrusive_ptr<c10d::Store> store_;
  c10::intrusive_ptr<CollectiveGroup> group_;
};

}  // namespace binge
