#pragma once
// Runs the Retrieval tab's jobs off the GUI thread (docs/architecture.md, Process model) through the torch-free
// RetrievalService: opening a run's checkpoint and building or loading its index (with progress and
// Cancel), the 2-D map of the windows, and top-k queries. Each kind of job runs on a one-thread pool of
// the controller's own — index, map and query jobs apart, so a query is answered while another
// checkpoint's index builds or a 100,000-window PCA runs. Results come back to the GUI thread as values; a
// job shares nothing with the GUI but its cancel flag and a progress record the GUI polls on a timer.
// An answer to a superseded request (an older open, an older query) is dropped.
#include "OffThreadJob.h"
#include "eval/RetrievalService.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace binge::ui {

// The answer to one query.
struct RetrievalAnswer {
  quint64 serial = 0;
  std::int64_t queryRow = -1;
  RetrievalDirection direction = RetrievalDirection::VideoToVideo;
  std::vector<RetrievalMatch> matches;  // best first
  double queryMs = 0;                   // on the worker: the search alone
  QString error;                        // non-empty: matches is empty
};

class RetrievalController : public QObject {
  Q_OBJECT
 public:
  explicit RetrievalController(QObject* parent = nullptr);
  ~RetrievalController() override;  // cancels a running build and waits for the jobs to return

  // Opens `checkpoint` ("latest" or a file) of the run and builds or loads its index; then indexReady()
  // and a map job for the video embeddings; or indexFailed()/indexCancelled(). A newer call replaces an
  // older one still running (which is cancelled).
  void openRun(const QString& runDir, const QString& checkpoint = "latest");
  void cancel();
  bool isBusy() const { return busy_; }

  // The open index (null until indexReady); its const methods may be used from any thread.
  std::shared_ptr<const RetrievalService> service() const { return service_; }

  // Query by window row or by title + time; answered through answered(). Returns the serial.
  quint64 query(std::int64_t row, RetrievalDirection direction, int k);
  quint64 query(const QString& titleId, double seconds, RetrievalDirection direction, int k);
  // The PCA map of the video (or audio) embeddings of the open index; mapReady() when done.
  void requestMap(bool video);

 Q_SIGNALS:
  void indexStarted(const QString& runDir);
  void progress(qint64 done, qint64 total);
  void indexReady(bool cached, double seconds);  // seconds: this job's wall time
  void indexFailed(const QString& message);
  void indexCancelled();
  void mapReady(const binge::RetrievalMap& map);
  void mapFailed(const QString& message);
  void answered(const binge::ui::RetrievalAnswer& answer);

 private:
  struct ProgressState {
    std::mutex mutex;
    std::int64_t done = 0, total = 0;
    bool changed = false;
  };
  void pollProgress();
  quint64 startQuery(std::function<std::int64_t(const RetrievalService&)> findRow, RetrievalDirection direction, int k);

  QThreadPool indexPool_;
  QThreadPool queryPool_;
  QThreadPool mapPool_;
  QTimer progressTimer_;
  std::shared_ptr<const RetrievalService> service_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::shared_ptr<ProgressState> progressState_;
  OffThreadJob openJob_;
  OffThreadJob queryJob_;
  OffThreadJob mapJob_;
  bool busy_ = false;
};

}  // namespace binge::ui

Q_DECLARE_METATYPE(binge::ui::RetrievalAnswer)
Q_DECLARE_METATYPE(binge::RetrievalMap)
