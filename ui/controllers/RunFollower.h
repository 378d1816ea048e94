#pragma once
// Follows a run directory (DESIGN.md §3) while it grows — written by our own child trainer, by a headless
// run on the same disk, or finished long ago: a QTimer polls events.jsonl with EventLogFollower (only the
// bytes appended since the last poll are read; a partial last line waits for the next poll) and folds
// the events into RunMetrics. Reading a tick's worth of events is cheap, so it stays on the GUI thread.
#include "RunMetrics.h"

#include <QObject>
#include <QString>
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

  // Starts following `runDir` from its first event (metrics are rebuilt from scratch). The directory
  // may not exist yet (a trainer about to create it). False with *error when the path is a file.
  bool follow(const QString& runDir, QString* error = nullptr);
  void stopFollowing();
  bool isFollowing() const { return timer_.isActive(); }
  // Reads what has been appended since the last poll; returns the number of new events.
  int pollNow();

  QString runDir() const { return runDir_; }
  const RunMetrics& metrics() const { return metrics_; }
  // config.json of the run (read on the first poll that finds it); null until then.
  const nlohmann::json& config() const { return config_; }
  // Version counter: bumped whenever metrics change, so a view redraws only when needed.
  quint64 revision() const { return revision_; }

 Q_SIGNALS:
  void eventsArrived(int count);
  void runStateChanged(const QString& state);

 private:
  QTimer timer_;
  QString runDir_;
  std::unique_ptr<EventLogFollower> follower_;
  RunMetrics metrics_;
  nlohmann::json config_;
  quint64 revision_ = 0;
};

}  // namespace binge::ui
