#pragma once
// Where a data-parallel process learns its place in the job: torchrun's variables (RANK, WORLD_SIZE,
// LOCAL_RANK, MASTER_ADDR, MASTER_PORT), else Slurm's (SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID; the
// address and port still come from MASTER_ADDR/MASTER_PORT or their defaults), then explicit flags on
// top. The same names PyTorch users already set, so `torchrun --no-python … binge-cli train …` and
// `srun binge-cli train …` work without a Binge-specific launcher. Torch-free.
#include <functional>
#include <optional>
#include <string>

namespace binge {

struct DistributedEnvironment {
  int rank = 0;
  int worldSize = 1;
  int localRank = 0;
  std::string masterAddr = "127.0.0.1";
  int masterPort = 29500;
  std::string backend = "auto";  // auto | gloo | nccl
  double timeoutSeconds = 600;   // a collective that waits longer fails the job
  // torchrun's agent already hosts the rendezvous store on MASTER_PORT: every rank connects as a client
  // (TORCHELASTIC_USE_AGENT_STORE), under a prefix per restart attempt, as torch.distributed does.
  bool useAgentStore = false;
  int restartCount = 0;
  std::string launcher = "none";  // none | torchrun | slurm | flags

  bool distributed() const { return worldSize > 1; }
  std::string describe() const;  // "rank 1 of 4 (local 1) via torchrun, 10.0.0.1:29500"
};

// Explicit values from the command line; unset fields leave the environment's value.
struct DistributedOverrides {
  std::optional<int> rank, worldSize, localRank, masterPort;
  std::optional<std::string> masterAddr, backend;
  std::optional<double> timeoutSeconds;
};

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvironmentLookup processEnvironment();

// Throws std::invalid_argument naming the variable or flag for values that are not numbers, a rank
// outside [0, world size), an unknown backend or a port outside 1..65535.
DistributedEnvironment resolveDistributedEnvironment(const EnvironmentLookup& env, const DistributedOverrides& flags);

}  // namespace binge
