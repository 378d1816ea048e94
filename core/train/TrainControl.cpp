#include "train/TrainControl.h"

#include "runtime/Log.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace binge {
namespace {
volatile std::sig_atomic_t gStopSignal = 0;

void onStopSignal(int signal) {
  gStopSignal = 1;
  // Only async-signal-safe calls here. The next identical signal gets the default action.
  std::signal(signal, SIG_DFL);
}

std::string trimmed(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}
}  // namespace

bool TrainControl::stopRequested() const { return stop_ || gStopSignal != 0; }

bool TrainControl::handleLine(const std::string& line) {
  const std::string command = trimmed(line);
  if (command.empty()) return true;
  if (command == "pause") requestPause();
  else if (command == "resume") requestResume();
  else if (command == "stop") requestStop();
  else if (command == "checkpoint") requestCheckpoint();
  else return false;
  return true;
}

void TrainControl::installStopSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking read returns EINTR promptly
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

bool TrainControl::stopSignalReceived() { return gStopSignal != 0; }

StdinControlReader::StdinControlReader(TrainControl& control, int fd)
    : control_(control), fd_(fd), thread_([this] { run(); }) {}

StdinControlReader::~StdinControlReader() {
  quit_ = true;
  thread_.join();
}

void StdinControlReader::run() {
  std::string pending;
  char buffer[256];
  while (!quit_) {
    // Poll with a timeout instead of blocking in read(): the destructor must be able to end the thread.
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 100);
    if (ready < 0 && errno != EINTR) return;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n == 0) return;  // end of input
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return;
    }
    pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t newline;
    while ((newline = pending.find('\n')) != std::string::npos) {
      const std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      if (!control_.handleLine(line))
        logWarning("unknown control command '" + line + "' (expected pause, resume, stop or checkpoint)");
    }
  }
}

}  // namespace binge
