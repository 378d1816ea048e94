#pragma once
// Follows a run directory (docs/architecture.md, Files) while it grows — written by our own child trainer, by a
// headless run on the same disk, or finished long ago. follow() reads what the run already holds on a worker thread
// (a long run's events.jsonl is 100,000 lines: 0.4–1.1 s of parsing that would freeze the GUI) and swaps the finished
// RunMetrics in on the GUI thread; until then isLoading() is true and metrics() is empty. Afterwards a QTimer polls
// events.jsonl with the same EventLogFollower (only the bytes appended since the last poll are read; a partial last
// line waits for the next poll) and folds the new events into RunMetrics: a tick's worth of events is cheap, so that
// part stays on the GUI thread.
#include "OffThreadJob.h"
#include "RunMetrics.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace binge {
class EventLogFollower;
}

namespace binge::ui {

class RunFollower : public QObject {
  Q_OBJECT
 public:
  explicit RunFollower(QObject* parent = nullptr, int pollMs = 250);
  ~RunFollower() override;

  // Starts following `runDir` from its first event (metrics are rebuilt from scratch, on a worker
  // thread). The directory may not exist yet (a trainer about to create it). False with *error when the
  // path is a file.
  bool follow(const QString& runDir, QString* error = nullptr);
  // Follows the run `other` follows, taking over what it has read (nothing is read again) when it is
  // not loading; else the same as follow(other.runDir()). `other` is left following nothing. The runs
  // list uses it to hand a run between its own followers and the view's.
  void takeOver(RunFollower& other);
  void stopFollowing();
  bool isFollowing() const { return timer_.isActive(); }
  // True from follow() until the run's existing events are in metrics() (loadingChanged(false)).
  bool isLoading() const { return loading_; }
  // Reads what has been appended since the last poll; returns the number of new events. Nothing while
  // the initial read is running (it reads those bytes itself).
  int pollNow();

  QString runDir() const { return runDir_; }
  const RunMetrics& metrics() const { return metrics_; }
  // config.json of the run (read on the first poll that finds it); null until then.
  const nlohmann::json& config() const { return config_; }
  // Version counter: bumped whenever metrics change, so a view redraws only when needed.
  quint64 revision() const { return revision_; }
  // Bumped by every follow(): metrics() now belong to another run (or the same one read afresh).
  quint64 followSerial() const { return loadJob_.serial(); }

  // Where every follower's initial read runs: one thread of its own, shared, so runs are read one after
  // another. Not Qt's global pool: in Qt 6.4 the raster paint engine splits large fills over that pool
  // and waits for them, so reads occupying all of its threads (a runs folder of long runs) froze the
  // GUI thread's painting until they were done.
  static QThreadPool* readerPool();

 Q_SIGNALS:
  void eventsArrived(int count);
  void runStateChanged(const QString& state);
  void loadingChanged(bool loading);

 private:
  struct InitialRead;
  void applyInitialRead(InitialRead& read);

  QTimer timer_;
  QString runDir_;
  std::unique_ptr<EventLogFollower> follower_;
  RunMetrics metrics_;
  nlohmann::json config_;
  quint64 revision_ = 0;
  OffThreadJob loadJob_;  // answers of an older follow() are dropped
  bool loading_ = false;
};

}  // namespace binge::ui
