#include "runtime/FileLock.h"

#include "runtime/Error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace binge {
namespace {

int openLockFile(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorKind::Io, file.string() + ": cannot open the lock file (" + std::strerror(errno) + ")");
  return fd;
}

std::string describeHolder(int fd) {
  char text[512] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  std::string s = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : std::string();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.empty() ? "another process" : s;
}

void recordHolder(int fd, const std::string& holder) {
  const std::time_t now = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%H:%M:%S", std::localtime(&now));
  const std::string text = holder + " (pid " + std::to_string(::getpid()) + ", since " + when + ")\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t n = ::pwrite(fd, text.data(), text.size(), 0);
  }
}

}  // namespace

FileLock FileLock::acquire(const std::filesystem::path& lockFile, const std::string& what, const std::string& holder) {
  return acquireWaiting(lockFile, what, holder, 0);
}

FileLock FileLock::acquireWaiting(const std::filesystem::path& lockFile, const std::string& what,
                                  const std::string& holder, double seconds, void (*waiting)(const std::string&)) {
  const int fd = openLockFile(lockFile);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  bool told = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      throw Error(ErrorKind::Io, lockFile.string() + ": cannot lock (" + reason + ")");
    }
    const std::string other = describeHolder(fd);
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      throw LockedError(what + " is in use by " + other + (seconds > 0 ? "; gave up waiting" : "") +
                        ". Wait for it to finish or stop it first");
    }
    if (!told && waiting) waiting(other);
    told = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  recordHolder(fd, holder);
  return FileLock(fd);
}

FileLock::FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace binge
