#pragma once
// The data-parallel flags shared by `train` and `bench allreduce`: rank, world size, local rank,
// rendezvous address and port, backend and timeout. Unset flags leave torchrun's / Slurm's environment.
#include "cli/CliCommon.h"
#include "train/DistributedEnvironment.h"

#include <memory>

namespace binge::cli {

struct DistributedFlags {
  int rank = 0, worldSize = 1, localRank = 0, masterPort = 0;
  std::string masterAddr, backend;
  double timeoutSeconds = 0;
  CLI::App* app = nullptr;
};

// Registers the flags under a "Data-parallel" group of `cmd`.
void addDistributedFlags(CLI::App* cmd, DistributedFlags& flags);
// The process environment with the given flags on top; invalid values are usage errors.
DistributedEnvironment resolveDistributedFlags(const DistributedFlags& flags);

}  // namespace binge::cli
