#pragma once
// Measures how long the GUI thread stops answering: a 10 ms timer on the GUI thread records the
// longest gap between its ticks. A gap well above 10 ms is a stall a user would feel.
// Two numbers per gap: wall time (what the user sees, including time the OS gave the core to other
// processes — on the shared 2-core machine other builds run too) and the GUI thread's own CPU time in
// that gap (work our code did on the GUI thread: what the bar is about).
#include <time.h>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace binge::test {

class StallWatchdog : public QObject {
 public:
  StallWatchdog() {
    timer_.setInterval(10);
    timer_.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      const qint64 cpu = threadCpuNs();
      longestNs_ = std::max(longestNs_, now - lastNs_);
      longestCpuNs_ = std::max(longestCpuNs_, cpu - lastCpuNs_);
      lastNs_ = now;
      lastCpuNs_ = cpu;
      ++ticks_;
    });
  }
  void start() {
    longestNs_ = 0;
    longestCpuNs_ = 0;
    ticks_ = 0;
    clock_.start();
    lastNs_ = 0;
    lastCpuNs_ = threadCpuNs();
    timer_.start();
  }
  void stop() {
    // The gap up to now counts too: a stall at the very end would otherwise be missed.
    longestNs_ = std::max(longestNs_, clock_.nsecsElapsed() - lastNs_);
    longestCpuNs_ = std::max(longestCpuNs_, threadCpuNs() - lastCpuNs_);
    timer_.stop();
  }
  double longestGapMs() const { return longestNs_ / 1e6; }
  // The most GUI-thread CPU time spent between two ticks.
  double longestBusyMs() const { return longestCpuNs_ / 1e6; }
  int ticks() const { return ticks_; }
  // The bar: < 50 ms of GUI-thread work in any gap; the wall-clock gap, which other processes on a
  // loaded machine inflate, only within 150 ms. The bar is a Release-build figure: under
  // AddressSanitizer every memory access is checked (2–3× slower), so the limits are scaled there and
  // the sanitizer build tests what it is for — memory errors — without failing on timing.
  static constexpr double kBuildSlowdown =
#if defined(__SANITIZE_ADDRESS__)
      3.0;
#else
      1.0;
#endif
  static bool busyWithinBar(double ms) { return ms < 50 * kBuildSlowdown; }
  bool withinBar() const { return busyWithinBar(longestBusyMs()) && longestGapMs() < 150 * kBuildSlowdown; }
  QString report() const {
    return QString("longest gap %1 ms wall, %2 ms GUI-thread CPU").arg(longestGapMs(), 0, 'f', 1).arg(longestBusyMs(), 0, 'f', 1);
  }

 private:
  static qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
  }

  QTimer timer_;
  QElapsedTimer clock_;
  qint64 lastNs_ = 0;
  qint64 longestNs_ = 0;
  qint64 lastCpuNs_ = 0;
  qint64 longestCpuNs_ = 0;
  int ticks_ = 0;
};

}  // namespace binge::test
