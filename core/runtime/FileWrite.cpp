#include "runtime/FileWrite.h"

#include "runtime/DiskSpace.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <unistd.h>

namespace binge {
namespace {

struct FaultSwitch {
  std::string write;  // "" = off
  std::uint64_t limit = std::numeric_limits<std::uint64_t>::max();
  std::atomic<std::uint64_t> written{0};
};

FaultSwitch& faultSwitch() {
  static FaultSwitch* s = [] {
    auto* f = new FaultSwitch;  // never destroyed: writes may happen during static destruction
    if (const char* env = std::getenv("BINGE_FAULT_KILL")) {
      const std::string text = env;
      const auto colon = text.find(':');
      if (colon != std::string::npos) {
        f->write = text.substr(0, colon);
        f->limit = std::strtoull(text.c_str() + colon + 1, nullptr, 10);
      }
    }
    return f;
  }();
  return *s;
}

// How many of `size` bytes may be written before the injected kill; size itself when none is due.
std::size_t allowance(const char* writeName, std::size_t size) {
  FaultSwitch& f = faultSwitch();
  if (f.write.empty() || f.write != writeName) return size;
  const std::uint64_t before = f.written.fetch_add(size);
  if (before >= f.limit) return 0;
  return static_cast<std::size_t>(std::min<std::uint64_t>(size, f.limit - before));
}

}  // namespace

void writeFully(int fd, const void* data, std::size_t size, std::int64_t offset, const std::filesystem::path& path,
                const char* writeName) {
  const std::size_t allowed = allowance(writeName, size);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  std::size_t done = 0;
  while (done < allowed) {
    const ssize_t n = offset >= 0 ? ::pwrite(fd, bytes + done, allowed - done, static_cast<off_t>(offset) + done)
                                  : ::write(fd, bytes + done, allowed - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throwWriteError(path, errno, size - done);
    }
    done += static_cast<std::size_t>(n);
  }
  if (allowed < size) {
    ::fsync(fd);  // the torn bytes reach the file, as a power cut after the write would leave them
    std::raise(SIGKILL);
  }
}

}  // namespace binge
