#include "runtime/DiskSpace.h"

#include "runtime/Error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <sys/statvfs.h>

namespace binge {

DiskFullError::DiskFullError(const std::filesystem::path& p, std::uint64_t needed, std::uint64_t free,
                             const std::string& what)
    : Error(ErrorKind::Io, what), path(p), neededBytes(needed), freeBytes(free) {}

std::uint64_t availableBytes(const std::filesystem::path& path) {
  std::filesystem::path probe = path.empty() ? std::filesystem::current_path() : std::filesystem::absolute(path);
  std::error_code ec;
  while (!std::filesystem::exists(probe, ec) && probe.has_parent_path() && probe != probe.parent_path())
    probe = probe.parent_path();
  struct statvfs s {};
  if (::statvfs(probe.c_str(), &s) != 0) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(s.f_bavail) * static_cast<std::uint64_t>(s.f_frsize);
}

std::string formatBytes(std::uint64_t bytes) {
  char text[32];
  if (bytes >= 1000ull * 1000 * 1000) std::snprintf(text, sizeof text, "%.2f GB", bytes / 1e9);
  else if (bytes >= 1000ull * 1000) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  else if (bytes >= 1000) std::snprintf(text, sizeof text, "%.0f kB", bytes / 1e3);
  else std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  return text;
}

void throwWriteError(const std::filesystem::path& path, int error, std::uint64_t neededBytes) {
  if (error == ENOSPC || error == EDQUOT) {
    const std::uint64_t free = availableBytes(path.parent_path());
    std::string what = path.string() + ": no space left on the device (" +
                       (neededBytes > 0 ? "at least " + formatBytes(neededBytes) + " more needed, " : std::string()) +
                       formatBytes(free) + " free)";
    throw DiskFullError(path, neededBytes, free, what);
  }
  throw Error(ErrorKind::Io, path.string() + ": write failed (" + std::strerror(error) + ")");
}

}  // namespace binge
