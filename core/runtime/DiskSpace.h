#pragma once
// Free space and the full-disk error: a write that fails for lack of space stops
// the job at once with one line naming the path, the bytes it still needed where known and the bytes
// free, instead of going on to fail every later write the same way.
#include "runtime/Error.h"
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace binge {

struct DiskFullError : Error {
  DiskFullError(const std::filesystem::path& path, std::uint64_t neededBytes, std::uint64_t freeBytes,
                const std::string& what);
  std::filesystem::path path;
  std::uint64_t neededBytes = 0;  // 0 when unknown
  std::uint64_t freeBytes = 0;
};

// Bytes an unprivileged process may still write on the filesystem holding `path` (or its nearest
// existing ancestor). Returns UINT64_MAX when it cannot be told.
std::uint64_t availableBytes(const std::filesystem::path& path);

// "12.3 MB", "812 kB", "512 B".
std::string formatBytes(std::uint64_t bytes);

// Throws the error for a failed write of `path` with errno `error`: DiskFullError for ENOSPC and
// EDQUOT (with `neededBytes` still to write, 0 when unknown), std::runtime_error naming the reason
// otherwise.
[[noreturn]] void throwWriteError(const std::filesystem::path& path, int error, std::uint64_t neededBytes = 0);

}  // namespace binge
