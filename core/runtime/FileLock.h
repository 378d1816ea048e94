#pragma once
// An advisory lock on a file (flock), held for as long as the object lives: one
// trainer per run directory, one writer of a library file at a time. The lock file names its holder
// (pid, command, start time), so the process that is refused can say who holds it. The kernel drops the
// lock when its holder dies, even by kill -9, so a stale lock file never blocks anybody.
#include "runtime/Error.h"
#include <filesystem>
#include <stdexcept>
#include <string>

namespace binge {

// Another process holds the lock: the request cannot run now (a usage error).
struct LockedError : Error {
  explicit LockedError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

class FileLock {
 public:
  // Takes the lock at once or throws LockedError: "<what> is in use by <holder> (pid N, since HH:MM:SS)".
  // `what` names the guarded thing for the message; `holder` describes this process for others'.
  static FileLock acquire(const std::filesystem::path& lockFile, const std::string& what, const std::string& holder);
  // Waits up to `seconds` for the lock (calling `waiting` once with the holder's description when it has
  // to wait), then throws LockedError.
  static FileLock acquireWaiting(const std::filesystem::path& lockFile, const std::string& what,
                                 const std::string& holder, double seconds,
                                 void (*waiting)(const std::string& holderDescription) = nullptr);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace binge
