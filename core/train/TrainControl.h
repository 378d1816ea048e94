#pragma once
// Control of a running trainer (docs/architecture.md, Process model): the stdin line protocol `pause`, `resume`,
// `stop`, `checkpoint`, and SIGINT/SIGTERM = graceful stop. Requests are atomic flags that the trainer polls between
// steps, so a step is never cut in half. Torch-free.
#include <atomic>
#include <string>
#include <thread>

namespace binge {

class TrainControl {
 public:
  void requestPause() { paused_ = true; }
  void requestResume() { paused_ = false; }
  void requestStop() { stop_ = true; }
  void requestCheckpoint() { checkpoint_ = true; }

  // True after requestStop() or a SIGINT/SIGTERM caught by installStopSignalHandlers().
  bool stopRequested() const;
  bool paused() const { return paused_; }
  // Returns and clears a pending checkpoint request.
  bool takeCheckpointRequest() { return checkpoint_.exchange(false); }

  // One protocol line (surrounding whitespace ignored). Returns false for an unknown command.
  bool handleLine(const std::string& line);

  // SIGINT and SIGTERM set a process-wide stop flag that every TrainControl reports. A second signal
  // while the first is being honoured falls back to the default action (Ctrl-C twice kills).
  static void installStopSignalHandlers();
  static bool stopSignalReceived();

 private:
  std::atomic<bool> paused_{false};
  std::atomic<bool> stop_{false};
  std::atomic<bool> checkpoint_{false};
};

// Reads protocol lines from a file descriptor (stdin by default) on its own thread and forwards them to
// a TrainControl. End of input is not a stop: a trainer started with stdin closed keeps running.
// Unknown commands are reported through the core log. The destructor stops and joins the thread.
class StdinControlReader {
 public:
  explicit StdinControlReader(TrainControl& control, int fd = 0);
  ~StdinControlReader();
  StdinControlReader(const StdinControlReader&) = delete;
  StdinControlReader& operator=(const StdinControlReader&) = delete;

 private:
  void run();
  TrainControl& control_;
  int fd_;
  std::atomic<bool> quit_{false};
  std::thread thread_;
};

}  // namespace binge
