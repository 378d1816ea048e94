#include "RetrievalController.h"

#include <QElapsedTimer>

#include <stdexcept>

namespace binge::ui {

namespace {

// What an open job hands back to the GUI thread (a failure comes as its message).
struct OpenResult {
  std::shared_ptr<RetrievalService> service;  // null when cancelled
  bool cached = false;
  bool cancelled = false;
  double seconds = 0;
};

}  // namespace

RetrievalController::RetrievalController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<binge::ui::RetrievalAnswer>();
  qRegisterMetaType<binge::RetrievalMap>();
  // One job of each kind at a time. The pools are the controller's own, at the GUI's priority: the
  // user waits for these answers (BackgroundPriority.h).
  indexPool_.setMaxThreadCount(1);
  queryPool_.setMaxThreadCount(1);
  mapPool_.setMaxThreadCount(1);
  progressTimer_.setInterval(100);
  connect(&progressTimer_, &QTimer::timeout, this, &RetrievalController::pollProgress);
}

RetrievalController::~RetrievalController() {
  // A build checks its cancel flag after every batch of windows; the pools' destructors then wait.
  if (cancel_) cancel_->store(true);
  indexPool_.waitForDone();
  queryPool_.waitForDone();
  mapPool_.waitForDone();
}

void RetrievalController::cancel() {
  if (cancel_) cancel_->store(true);
}

void RetrievalController::openRun(const QString& runDir, const QString& checkpoint) {
  if (cancel_) cancel_->store(true);  // the older job stops at its next batch; its answer is dropped
  busy_ = true;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  progressState_ = std::make_shared<ProgressState>();
  auto cancel = cancel_;
  auto state = progressState_;
  Q_EMIT indexStarted(runDir);
  progressTimer_.start();
  const auto over = [this] {
    pollProgress();
    progressTimer_.stop();
    busy_ = false;
    cancel_.reset();
  };
  openJob_.run(
      this, &indexPool_,
      [dir = runDir.toStdString(), checkpoint = checkpoint.toStdString(), cancel, state] {
        OpenResult result;
        QElapsedTimer clock;
        clock.start();
        try {
          auto service = std::make_shared<RetrievalService>();
          service->open(dir, checkpoint);
          if (cancel->load()) throw RetrievalCancelled();
          const bool built = service->prepareIndex([&](std::int64_t done, std::int64_t total) {
            const std::lock_guard<std::mutex> lock(state->mutex);
            state->done = done;
            state->total = total;
            state->changed = true;
            return !cancel->load();
          });
          result.cached = !built;
          result.service = std::move(service);
        } catch (const RetrievalCancelled&) {
          result.cancelled = true;
        }
        result.seconds = clock.elapsed() / 1000.0;
        return result;
      },
      [this, over](OpenResult result) {
        over();
        if (result.cancelled) {
          Q_EMIT indexCancelled();
        } else {
          service_ = std::move(result.service);
          Q_EMIT indexReady(result.cached, result.seconds);
          requestMap(true);
        }
      },
      [this, over](const QString& error) {
        over();
        Q_EMIT indexFailed(error);
      });
}

void RetrievalController::pollProgress() {
  if (!progressState_) return;
  std::int64_t done = 0, total = 0;
  {
    const std::lock_guard<std::mutex> lock(progressState_->mutex);
    if (!progressState_->changed) return;
    progressState_->changed = false;
    done = progressState_->done;
    total = progressState_->total;
  }
  Q_EMIT progress(done, total);
}

quint64 RetrievalController::query(std::int64_t row, RetrievalDirection direction, int k) {
  return startQuery([row](const RetrievalService&) { return row; }, direction, k);
}

quint64 RetrievalController::query(const QString& titleId, double seconds, RetrievalDirection direction, int k) {
  return startQuery([id = titleId.toStdString(), seconds](const RetrievalService& s) { return s.findRow(id, seconds); },
                    direction, k);
}

quint64 RetrievalController::startQuery(std::function<std::int64_t(const RetrievalService&)> findRow,
                                        RetrievalDirection direction, int k) {
  const quint64 serial = queryJob_.serial() + 1;  // the serial run() gives this query, known to the work
  const auto answer = [this](const RetrievalAnswer& a) { Q_EMIT answered(a); };
  return queryJob_.run(
      this, &queryPool_,
      [service = service_, findRow = std::move(findRow), direction, k, serial] {
        RetrievalAnswer answer;
        answer.serial = serial;
        answer.direction = direction;
        if (!service) {
          answer.error = "No index is open: choose a run and load its index first.";
          return answer;
        }
        QElapsedTimer clock;
        clock.start();
        try {
          answer.queryRow = findRow(*service);
          answer.matches = service->query(answer.queryRow, direction, k);
        } catch (const std::exception& e) {
          answer.error = QString::fromStdString(e.what());
        }
        answer.queryMs = clock.nsecsElapsed() / 1e6;
        return answer;
      },
      answer, [answer, serial, direction](const QString& error) {
        RetrievalAnswer failed;
        failed.serial = serial;
        failed.direction = direction;
        failed.error = error;
        answer(failed);
      });
}

void RetrievalController::requestMap(bool video) {
  mapJob_.run(
      this, &mapPool_,
      [service = service_, video] {
        if (!service) throw std::runtime_error("no index is open");
        if (service->windows().size() < 2) throw std::runtime_error("the index has fewer than 2 windows: no map");
        return service->map(video);
      },
      [this](const RetrievalMap& map) { Q_EMIT mapReady(map); }, [this](const QString& error) { Q_EMIT mapFailed(error); });
}

}  // namespace binge::ui
