#include "RunFollower.h"

#include "train/EventLog.h"

#include <QDir>
#include <QFileInfo>

#include <fstream>

namespace binge::ui {

RunFollower::RunFollower(QObject* parent, int pollMs) : QObject(parent) {
  timer_.setInterval(pollMs);
  connect(&timer_, &QTimer::timeout, this, [this] { pollNow(); });
}

RunFollower::~RunFollower() = default;

bool RunFollower::follow(const QString& runDir, QString* error) {
  const QFileInfo info(runDir);
  if (info.exists() && !info.isDir()) {
    if (error) *error = runDir + ": not a run directory (it is a file)";
    return false;
  }
  runDir_ = QDir(runDir).absolutePath();
  follower_ = std::make_unique<EventLogFollower>(QDir(runDir_).filePath("events.jsonl").toStdString());
  metrics_.clear();
  config_ = nullptr;
  ++revision_;
  pollNow();
  timer_.start();
  return true;
}

void RunFollower::stopFollowing() { timer_.stop(); }

int RunFollower::pollNow() {
  if (!follower_) return 0;
  if (config_.is_null()) {
    std::ifstream in(QDir(runDir_).filePath("config.json").toStdString());
    if (in) {
      // A config.json mid-write (it is written atomically, so only a foreign tool could cause this)
      // is simply read again on the next poll.
      config_ = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
      if (config_.is_discarded()) config_ = nullptr;
    }
  }
  const auto events = follower_->poll();
  if (events.empty()) return 0;
  const std::string before = metrics_.state;
  for (const auto& event : events) metrics_.add(event);
  ++revision_;
  Q_EMIT eventsArrived(static_cast<int>(events.size()));
  if (metrics_.state != before) Q_EMIT runStateChanged(QString::fromStdString(metrics_.state));
  return static_cast<int>(events.size());
}

}  // namespace binge::ui
