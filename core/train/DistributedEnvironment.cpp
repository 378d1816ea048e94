#include "train/DistributedEnvironment.h"

#include <cstdlib>
#include <stdexcept>

namespace binge {
namespace {

int parseInt(const std::string& name, const std::string& text) {
  try {
    size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(name + " must be an integer, not \"" + text + "\"");
}

// Reads the first of `names` that is set.
std::optional<int> intFrom(const EnvironmentLookup& env, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (auto text = env(name); text && !text->empty()) return parseInt(name, *text);
  return std::nullopt;
}

}  // namespace

std::string DistributedEnvironment::describe() const {
  return "rank " + std::to_string(rank) + " of " + std::to_string(worldSize) + " (local " + std::to_string(localRank) +
         ") via " + launcher + ", " + masterAddr + ":" + std::to_string(masterPort);
}

EnvironmentLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    return std::nullopt;
  };
}

DistributedEnvironment resolveDistributedEnvironment(const EnvironmentLookup& env, const DistributedOverrides& flags) {
  DistributedEnvironment d;
  if (auto world = intFrom(env, {"WORLD_SIZE"})) {
    d.launcher = env("TORCHELASTIC_RUN_ID") ? "torchrun" : "environment";
    d.worldSize = *world;
    d.rank = intFrom(env, {"RANK"}).value_or(0);
    d.localRank = intFrom(env, {"LOCAL_RANK"}).value_or(d.rank);
  } else if (auto tasks = intFrom(env, {"SLURM_NTASKS"})) {
    d.launcher = "slurm";
    d.worldSize = *tasks;
    d.rank = intFrom(env, {"SLURM_PROCID"}).value_or(0);
    d.localRank = intFrom(env, {"SLURM_LOCALID"}).value_or(0);
  }
  if (auto addr = env("MASTER_ADDR"); addr && !addr->empty()) d.masterAddr = *addr;
  if (auto port = intFrom(env, {"MASTER_PORT"})) d.masterPort = *port;
  if (auto agent = env("TORCHELASTIC_USE_AGENT_STORE")) d.useAgentStore = *agent == "True" || *agent == "true" || *agent == "1";
  d.restartCount = intFrom(env, {"TORCHELASTIC_RESTART_COUNT"}).value_or(0);

  const bool anyFlag = flags.rank || flags.worldSize || flags.localRank || flags.masterPort || flags.masterAddr;
  if (anyFlag) d.launcher = d.launcher == "none" ? "flags" : d.launcher + "+flags";
  if (flags.rank) d.rank = *flags.rank;
  if (flags.worldSize) d.worldSize = *flags.worldSize;
  if (flags.localRank) d.localRank = *flags.localRank;
  else if (flags.rank && !env("LOCAL_RANK")) d.localRank = *flags.rank;
  if (flags.masterAddr) d.masterAddr = *flags.masterAddr;
  if (flags.masterPort) d.masterPort = *flags.masterPort;
  if (flags.backend) d.backend = *flags.backend;
  if (flags.timeoutSeconds) d.timeoutSeconds = *flags.timeoutSeconds;
  // An explicit address or port means the user runs the store, not torchrun's agent.
  if (flags.masterAddr || flags.masterPort) d.useAgentStore = false;

  if (d.worldSize < 1) throw std::invalid_argument("world size must be at least 1, not " + std::to_string(d.worldSize));
  if (d.rank < 0 || d.rank >= d.worldSize)
    throw std::invalid_argument("rank " + std::to_string(d.rank) + " is outside [0, " + std::to_string(d.worldSize) + ")");
  if (d.localRank < 0) throw std::invalid_argument("local rank must not be negative");
  if (d.masterPort < 1 || d.masterPort > 65535)
    throw std::invalid_argument("master port must be in 1..65535, not " + std::to_string(d.masterPort));
  if (d.backend != "auto" && d.backend != "gloo" && d.backend != "nccl")
    throw std::invalid_argument("distributed backend must be auto, gloo or nccl, not \"" + d.backend + "\"");
  if (!(d.timeoutSeconds > 0)) throw std::invalid_argument("distributed timeout must be positive");
  return d;
}

}  // namespace binge
