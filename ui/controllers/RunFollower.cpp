#include "RunFollower.h"

#include "train/EventLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>

#include <fstream>

namespace binge::ui {
namespace {

// config.json, or null while it is missing or unreadable. A config.json mid-write (it is written
// atomically, so only a foreign tool could cause this) is simply read again on the next poll.
nlohmann::json readConfigFile(const QString& runDir) {
  std::ifstream in(QDir(runDir).filePath("config.json").toStdString());
  if (!in) return nullptr;
  nlohmann::json config = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  return config.is_discarded() ? nlohmann::json(nullptr) : config;
}

}  // namespace

// What the worker hands back: the follower positioned after the last complete line it read, and the
// metrics of everything before it. Moved, never copied, into the RunFollower on the GUI thread.
struct RunFollower::InitialRead {
  std::unique_ptr<EventLogFollower> follower;
  RunMetrics metrics;
  nlohmann::json config;
  int events = 0;
};

RunFollower::RunFollower(QObject* parent, int pollMs) : QObject(parent) {
  timer_.setInterval(pollMs);
  connect(&timer_, &QTimer::timeout, this, [this] { pollNow(); });
}

RunFollower::~RunFollower() = default;

QThreadPool* RunFollower::readerPool() {
  // Owned by the application, so it is joined while Qt is still up (not by static destruction).
  static QPointer<QThreadPool> pool;
  if (!pool) {
    pool = new QThreadPool(QCoreApplication::instance());
    pool->setObjectName("runReaders");
    pool->setMaxThreadCount(1);
  }
  return pool;
}

bool RunFollower::follow(const QString& runDir, QString* error) {
  const QFileInfo info(runDir);
  if (info.exists() && !info.isDir()) {
    if (error) *error = runDir + ": not a run directory (it is a file)";
    return false;
  }
  runDir_ = QDir(runDir).absolutePath();
  follower_.reset();
  metrics_.clear();
  config_ = nullptr;
  ++revision_;
  const bool wasLoading = loading_;
  loading_ = true;
  if (!wasLoading) Q_EMIT loadingChanged(true);

  // The worker owns everything it touches (its own follower, its own metrics); nothing is shared. An
  // answer of an older follow() is dropped (another run was opened meanwhile).
  loadJob_.run(
      this, readerPool(),
      [dir = runDir_] {
        auto read = std::make_shared<InitialRead>();
        read->config = readConfigFile(dir);
        read->follower = std::make_unique<EventLogFollower>(QDir(dir).filePath("events.jsonl").toStdString());
        const auto events = read->follower->poll();
        for (const auto& event : events) read->metrics.add(event);
        read->events = static_cast<int>(events.size());
        return read;
      },
      [this](const std::shared_ptr<InitialRead>& read) { applyInitialRead(*read); },
      [this](const QString& error) {
        // Unreadable from the start: follow it afresh from its first line (the timer keeps polling).
        qWarning("cannot read %s: %s", qPrintable(runDir_), qPrintable(error));
        InitialRead empty;
        empty.follower = std::make_unique<EventLogFollower>(QDir(runDir_).filePath("events.jsonl").toStdString());
        applyInitialRead(empty);
      });
  timer_.start();
  return true;
}

void RunFollower::applyInitialRead(InitialRead& read) {
  follower_ = std::move(read.follower);
  metrics_ = std::move(read.metrics);  // a move: the GUI thread swaps vectors, it copies no points
  config_ = std::move(read.config);
  loading_ = false;
  ++revision_;
  Q_EMIT loadingChanged(false);
  if (read.events > 0) Q_EMIT eventsArrived(read.events);
  if (!metrics_.state.empty()) Q_EMIT runStateChanged(QString::fromStdString(metrics_.state));
  pollNow();  // lines appended while the worker read
}

void RunFollower::takeOver(RunFollower& other) {
  if (&other == this) return;
  if (other.loading_ || !other.follower_) {
    follow(other.runDir_);
    other.stopFollowing();
    return;
  }
  runDir_ = other.runDir_;
  follower_ = std::move(other.follower_);
  metrics_ = std::move(other.metrics_);  // moves: no point is copied
  config_ = std::move(other.config_);
  loadJob_.cancel();  // an initial read of ours still running is dropped when it answers
  ++revision_;
  other.stopFollowing();
  other.metrics_.clear();
  other.config_ = nullptr;
  ++other.revision_;
  timer_.start();
  if (loading_) {
    loading_ = false;
    Q_EMIT loadingChanged(false);
  }
  if (!metrics_.state.empty()) Q_EMIT runStateChanged(QString::fromStdString(metrics_.state));
  pollNow();
}

void RunFollower::stopFollowing() { timer_.stop(); }

int RunFollower::pollNow() {
  if (!follower_) return 0;
  if (config_.is_null()) config_ = readConfigFile(runDir_);
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
