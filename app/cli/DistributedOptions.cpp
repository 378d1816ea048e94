#include "cli/DistributedOptions.h"

namespace binge::cli {

void addDistributedFlags(CLI::App* cmd, DistributedFlags& f) {
  f.app = cmd;
  const char* group = "Data-parallel (default: torchrun's RANK/WORLD_SIZE/... or Slurm's SLURM_PROCID/...)";
  cmd->add_option("--rank", f.rank, "This process's rank")->group(group);
  cmd->add_option("--world-size", f.worldSize, "Number of processes in the job")->group(group);
  cmd->add_option("--local-rank", f.localRank, "Rank on this host (picks the GPU)")->group(group);
  cmd->add_option("--master-addr", f.masterAddr, "Address of rank 0's rendezvous store")->group(group);
  cmd->add_option("--master-port", f.masterPort, "Port of rank 0's rendezvous store")->group(group);
  cmd->add_option("--dist-backend", f.backend, "auto | gloo | nccl")->group(group);
  cmd->add_option("--dist-timeout", f.timeoutSeconds, "Seconds a collective may wait before the job fails")
      ->group(group);
}

DistributedEnvironment resolveDistributedFlags(const DistributedFlags& f) {
  const auto given = [&f](const char* name) { return f.app->count(name) > 0; };
  DistributedOverrides o;
  if (given("--rank")) o.rank = f.rank;
  if (given("--world-size")) o.worldSize = f.worldSize;
  if (given("--local-rank")) o.localRank = f.localRank;
  if (given("--master-addr")) o.masterAddr = f.masterAddr;
  if (given("--master-port")) o.masterPort = f.masterPort;
  if (given("--dist-backend")) o.backend = f.backend;
  if (given("--dist-timeout")) o.timeoutSeconds = f.timeoutSeconds;
  try {
    return resolveDistributedEnvironment(processEnvironment(), o);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("distributed training: ") + e.what());
  }
}

}  // namespace binge::cli
