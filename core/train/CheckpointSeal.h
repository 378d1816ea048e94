#pragma once
// A checkpoint's seal: a CRC-32 of the whole file, kept in the zip comment that ends the archive
// ("binge-crc32:xxxxxxxx"), checked before LibTorch reads a byte of it.
//
// Why: a checkpoint is a zip of TorchScript source and pickles, and LibTorch 1.13's readers crash (not
// throw) on some damaged archives — fuzz_checkpoint found a SEGV in the TorchScript importer within a
// few hundred inputs (docs/reliability.md, Fuzzing). The parameter checksum after loading comes too late
// for that. The seal is the zip format's own comment, so any zip reader still opens the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "runtime/Crc32.h"

namespace binge {

// Seals the bytes LibTorch's archive writer produces on their way to `write`: call add() with every
// piece in order, then finish(), which patches the comment length of the archive's end record through
// `patch` (offset, bytes) and appends the seal through `write`.
class CheckpointSealer {
 public:
  using Write = std::function<void(const void* data, std::size_t size)>;
  using Patch = std::function<void(std::uint64_t offset, const void* data, std::size_t size)>;
  CheckpointSealer(Write write, Patch patch) : write_(std::move(write)), patch_(std::move(patch)) {}

  void add(const void* data, std::size_t size);
  void finish();

 private:
  Write write_;
  Patch patch_;
  Crc32 crc_;                // of every byte but the last two seen (the comment length, patched later)
  unsigned char held_[2]{};  // the last two bytes seen, not yet in crc_
  std::size_t heldCount_ = 0;
  std::uint64_t size_ = 0;
};

// Throws std::runtime_error with the reason when `file` is not a whole, sealed checkpoint: unreadable,
// shorter than a seal, no seal (written by Binge before seals, or not Binge's), or a CRC mismatch.
void verifyCheckpointSeal(const std::filesystem::path& file);

}  // namespace binge
