#pragma once
// The one loop that writes bytes that matter (checkpoints, cache files, libraries, configs): retries
// interrupted writes, reports a full disk as DiskFullError with the bytes still to write, and carries
// the fault-injection switch of the kill campaign (docs/reliability.md): with
//   BINGE_FAULT_KILL=<write>:<bytes>      e.g. checkpoint:65536, cache:1000000, library:100
// the process sends itself SIGKILL once it has written <bytes> bytes of writes named <write> — so a
// kill lands inside a write, where random kills rarely do. Unset, the check costs one comparison.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace binge {

// Names of the writes the switch knows.
constexpr const char* kWriteCheckpoint = "checkpoint";
constexpr const char* kWriteCache = "cache";
constexpr const char* kWriteLibrary = "library";
constexpr const char* kWriteFile = "file";  // any other atomic file (configs, status, results)

// Writes all `size` bytes to `fd`, at `offset` (pwrite) or, when offset < 0, at the file position.
// Throws DiskFullError (ENOSPC, EDQUOT) or std::runtime_error naming `path` and the reason.
void writeFully(int fd, const void* data, std::size_t size, std::int64_t offset, const std::filesystem::path& path,
                const char* writeName);

}  // namespace binge
