#pragma once
// Measures how long the GUI thread stops answering: a 10 ms timer on the GUI thread records the
// longest gap between its ticks. A gap well above 10 ms is a stall a user would feel.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace binge::test {

class StallWatchdog : public QObject {
 public:
  StallWatchdog() {
    timer_.setInterval(10);
    timer_.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      longestNs_ = std::max(longestNs_, now - lastNs_);
      lastNs_ = now;
      ++ticks_;
    });
  }
  void start() {
    longestNs_ = 0;
    ticks_ = 0;
    clock_.start();
    lastNs_ = 0;
    timer_.start();
  }
  void stop() {
    // The gap up to now counts too: a stall at the very end would otherwise be missed.
    longestNs_ = std::max(longestNs_, clock_.nsecsElapsed() - lastNs_);
    timer_.stop();
  }
  double longestGapMs() const { return longestNs_ / 1e6; }
  int ticks() const { return ticks_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 lastNs_ = 0;
  qint64 longestNs_ = 0;
  int ticks_ = 0;
};

}  // namespace binge::test
