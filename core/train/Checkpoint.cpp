#include "train/Checkpoint.h"

#include "train/CheckpointSeal.h"
#include "train/ErrorMessage.h"

#include "runtime/ChecksumGates.h"
#include "runtime/FileWrite.h"

#include <ATen/CPUGeneratorImpl.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <random>

namespace binge {
namespace {
constexpr const char* kFormat = "binge-checkpoint-1";

void fsyncPath(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw CheckpointError(path.string() + ": cannot open to flush");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw CheckpointError(path.string() + ": fsync failed");
}

}  // namespace

double parameterChecksum(const torch::nn::Module& module) {
  double sum = 0;
  for (const auto& p : module.parameters()) sum += p.detach().to(torch::kCPU, torch::kDouble).sum().item<double>();
  return sum;
}

void saveCheckpoint(const std::filesystem::path& file, CheckpointParts parts, nlohmann::json meta) {
  meta["format"] = kFormat;
  meta["checksum"] = parameterChecksum(*parts.model);
  torch::serialize::OutputArchive root;
  torch::serialize::OutputArchive model, loss, optimizer;
  parts.model->save(model);
  parts.loss->save(loss);
  parts.optimizer.save(optimizer);
  root.write("model", model);
  root.write("loss", loss);
  root.write("optimizer", optimizer);
  root.write("meta", c10::IValue(meta.dump()));
  {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    root.write("rng_cpu", gen.get_state());
  }
  std::random_device rd;
  const auto temp = file.parent_path() / (file.filename().string() + ".tmp-" + std::to_string(rd()));
  try {
    // Through our own writer: a full disk is named with the bytes free, and the kill campaign's
    // fault switch can tear a checkpoint mid-write (runtime/FileWrite.h).
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw CheckpointError(temp.string() + ": cannot create (" + std::strerror(errno) + ")");
    std::exception_ptr failure;
    // The archive is sealed on its way to the file (train/CheckpointSeal.h).
    CheckpointSealer sealer([&](const void* data, std::size_t size) { writeFully(fd, data, size, -1, temp, kWriteCheckpoint); },
                            [&](std::uint64_t offset, const void* data, std::size_t size) {
                              writeFully(fd, data, size, static_cast<std::int64_t>(offset), temp, kWriteCheckpoint);
                            });
    try {
      // After a failed write the rest is swallowed, not refused: LibTorch's archive writer checks its
      // own position in a destructor, and a short write there aborts the process (found by
      // scripts/full_disk.sh). Our error is thrown once LibTorch has finished.
      root.save_to([&](const void* data, std::size_t size) -> std::size_t {
        if (failure) return size;
        try {
          sealer.add(data, size);
        } catch (...) {
          failure = std::current_exception();
        }
        return size;
      });
      if (!failure) sealer.finish();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
    ::close(fd);
    if (failure) std::rethrow_exception(failure);  // our own error (a full disk) before LibTorch's
    fsyncPath(temp, O_RDONLY);
    std::filesystem::rename(temp, file);
    fsyncPath(file.parent_path(), O_RDONLY | O_DIRECTORY);  // make the rename itself durable
  } catch (const std::exception& e) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw CheckpointError("cannot write checkpoint " + file.string() + ": " + errorMessage(e));
  }
}

namespace {

CheckpointError failure(const std::filesystem::path& file, const std::string& why) {
  return CheckpointError("checkpoint " + file.string() + ": " + why);
}

// Checks the seal, opens the archive and checks its format; returns the metadata.
nlohmann::json openArchive(const std::filesystem::path& file, torch::serialize::InputArchive& root) {
  try {
    verifyCheckpointSeal(file);  // before LibTorch reads a byte: it crashes on some damaged archives
  } catch (const std::exception& e) {
    throw failure(file, e.what());
  }
  nlohmann::json meta;
  try {
    root.load_from(file.string());
    c10::IValue metaValue;
    root.read("meta", metaValue);
    meta = nlohmann::json::parse(metaValue.toStringRef());
  } catch (const std::exception& e) {
    throw failure(file, std::string("unreadable or truncated (") + errorMessage(e) + ")");
  }
  if (!meta.is_object() || !meta.contains("format") || !meta["format"].is_string() || meta["format"] != kFormat)
    throw failure(file, "not a Binge checkpoint (format " + (meta.is_object() ? meta.value("format", nlohmann::json("?")).dump() : "?") + ")");
  return meta;
}

void checkChecksum(const std::filesystem::path& file, const nlohmann::json& meta, const torch::nn::Module& model) {
  if (!kChecksumGates) return;
  const double expected =
      meta.contains("checksum") && meta["checksum"].is_number() ? meta["checksum"].get<double>() : std::nan("");
  const double actual = parameterChecksum(model);
  if (!(std::abs(actual - expected) <= 1e-6 * std::max(1.0, std::abs(expected))))
    throw failure(file, "parameter checksum mismatch (saved " + std::to_string(expected) + ", loaded " +
                            std::to_string(actual) + ")");
}

}  // namespace

nlohmann::json loadCheckpoint(const std::filesystem::path& file, CheckpointParts parts) {
  torch::serialize::InputArchive root;
  const nlohmann::json meta = openArchive(file, root);
  try {
    torch::serialize::InputArchive model, loss, optimizer;
    root.read("model", model);
    root.read("loss", loss);
    root.read("optimizer", optimizer);
    parts.model->load(model);
    parts.loss->load(loss);
    parts.optimizer.load(optimizer);
    torch::Tensor rng;
    root.read("rng_cpu", rng);
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(rng);
  } catch (const std::exception& e) {
    throw failure(file, std::string("does not match this model/optimizer (") + errorMessage(e) + ")");
  }
  checkChecksum(file, meta, *parts.model);
  return meta;
}

nlohmann::json loadModelWeights(const std::filesystem::path& file, AudioVisualModel& model) {
  if (!std::filesystem::is_regular_file(file)) throw failure(file, "no such file");
  torch::serialize::InputArchive root;
  const nlohmann::json meta = openArchive(file, root);
  try {
    torch::serialize::InputArchive part;
    root.read("model", part);
    model->load(part);
  } catch (const std::exception& e) {
    throw failure(file, std::string("does not match this model (") + errorMessage(e) + ")");
  }
  checkChecksum(file, meta, *model);
  return meta;
}

std::optional<LoadedCheckpoint> loadNewestValid(
    const std::vector<CheckpointFile>& newestFirst,
    const std::function<nlohmann::json(const std::filesystem::path&)>& load,
    const std::function<void(const CheckpointFile&, const std::string& reason)>& rejected) {
  for (const CheckpointFile& file : newestFirst) {
    try {
      nlohmann::json meta = load(file.path);
      const nlohmann::json step = meta.value("step", nlohmann::json());
      if (!step.is_number_integer() || step.get<std::int64_t>() != file.step)
        throw failure(file.path, "records step " + step.dump() + " but is named for step " + std::to_string(file.step));
      return LoadedCheckpoint{file, std::move(meta)};
    } catch (const CheckpointError& e) {
      rejected(file, e.what());
    }
  }
  return std::nullopt;
}

}  // namespace binge
