#include "train/DistributedSession.h"

#include "runtime/Error.h"
#include "runtime/Log.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
// Some LibTorch distributions (Python wheels) ship c10d's Gloo header without Gloo's own headers.
#if __has_include(<gloo/algorithm.h>)
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#define BINGE_HAVE_GLOO 1
#endif

#include <chrono>

namespace binge {
namespace {

std::chrono::milliseconds toMilliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

}  // namespace

DistributedSession::DistributedSession(const DistributedEnvironment& env, const torch::Device& device) : env_(env) {
  if (env_.backend == "nccl")
    throw DistributedError("the NCCL backend is not available in this LibTorch build; use --dist-backend gloo "
                           "(Gloo also all-reduces CUDA tensors)");
  backend_ = "gloo";
  (void)device;
  const auto timeout = toMilliseconds(env_.timeoutSeconds);
  try {
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(env_.masterPort);
    options.timeout = timeout;
    options.numWorkers = static_cast<std::size_t>(env_.worldSize);
    if (env_.useAgentStore) {
      // torchrun's agent hosts the store; connect as a client under the restart attempt's prefix.
      options.isServer = false;
      options.waitWorkers = false;
      auto tcp = c10::make_intrusive<c10d::TCPStore>(env_.masterAddr, options);
      store_ = c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(env_.restartCount), tcp);
    } else {
      options.isServer = env_.rank == 0;
      store_ = c10::make_intrusive<c10d::TCPStore>(env_.masterAddr, options);
    }
#ifdef BINGE_HAVE_GLOO
    auto glooOptions = c10d::ProcessGroupGloo::Options::create(timeout);
    glooOptions->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(store_, env_.rank, env_.worldSize, glooOptions);
#else
    throw Error(ErrorKind::Internal, "this binge-cli was built against a LibTorch without Gloo's headers");
#endif
  } catch (const std::exception& e) {
    fail("joining the job at " + env_.masterAddr + ":" + std::to_string(env_.masterPort), e);
  }
  logInfo("joined the training job as " + env_.describe() + ", backend " + backend_);
}

void DistributedSession::fail(const std::string& what, const std::exception& e) const {
  std::string reason = e.what();
  // c10 errors carry a C++ backtrace after the first line; people need the first line.
  if (auto cut = reason.find("\nException raised from"); cut != std::string::npos) reason.resize(cut);
  throw DistributedError("rank " + std::to_string(env_.rank) + " of " + std::to_string(env_.worldSize) + ": " + what +
                         " failed (a peer may have died or timed out after " +
                         std::to_string(static_cast<int>(env_.timeoutSeconds)) + " s): " + reason);
}

c10::intrusive_ptr<c10d::Work> DistributedSession::startAllReduceSum(torch::Tensor& tensor) {
  std::vector<torch::Tensor> tensors{tensor};
  return group_->allreduce(tensors);
}

void DistributedSession::waitFor(const c10::intrusive_ptr<c10d::Work>& work, const std::string& what) {
  try {
    work->wait();
  } catch (const std::exception& e) {
    fail(what, e);
  }
}

void DistributedSession::allReduceSum(torch::Tensor& tensor, const std::string& what) {
  c10::intrusive_ptr<c10d::Work> work;
  try {
    work = startAllReduceSum(tensor);
  } catch (const std::exception& e) {
    fail(what, e);
  }
  waitFor(work, what);
}

torch::Tensor DistributedSession::allGather(const torch::Tensor& local, const std::string& what) {
  std::vector<torch::Tensor> input{local.contiguous()};
  std::vector<std::vector<torch::Tensor>> output(1);
  for (int r = 0; r < env_.worldSize; ++r) output[0].push_back(torch::empty_like(input[0]));
  try {
    group_->allgather(output, input)->wait();
  } catch (const std::exception& e) {
    fail(what, e);
  }
  return torch::cat(output[0], 0);
}

void DistributedSession::broadcastFromRoot(std::vector<torch::Tensor>& tensors, const std::string& what) {
  try {
    for (auto& t : tensors) {
      std::vector<torch::Tensor> one{t};
      group_->broadcast(one)->wait();
    }
  } catch (const std::exception& e) {
    fail(what, e);
  }
}

void DistributedSession::barrier(const std::string& what) {
  try {
    group_->barrier()->wait();
  } catch (const std::exception& e) {
    fail(what, e);
  }
}

std::string DistributedSession::shareFromRoot(const std::string& key, const std::string& valueOnRoot) {
  try {
    const std::string storeKey = "binge/" + key;
    if (env_.rank == 0) {
      store_->set(storeKey, std::vector<uint8_t>(valueOnRoot.begin(), valueOnRoot.end()));
      return valueOnRoot;
    }
    const auto bytes = store_->get(storeKey);
    return std::string(bytes.begin(), bytes.end());
  } catch (const std::exception& e) {
    fail("receiving " + key + " from rank 0", e);
  }
}

}  // namespace binge
