#pragma once
// Owns the open library and runs the long library jobs — open, import, create the demo world, prepare
// the clip cache — on a
// worker thread (QtConcurrent, on the controller's own pool). Results come back to the GUI thread as
// values (a new immutable Library with the rows the Library tab shows of it, an ImportReport, an error
// message); nothing is shared with a running job but its cancel flag. One job at a time.
// The jobs run at the GUI's own priority: the user waits for them (a demo library created beside a
// running trainer crawled at nice +10), and the pool is the controller's own so that no lowered pool
// thread of other work can carry its nice into them (BackgroundPriority.h).
#include "OffThreadJob.h"
#include "SeriesTreeModel.h"
#include "TitleTableModel.h"
#include "demo/DemoWorld.h"
#include "data/PreparedCache.h"
#include "library/LibraryImporter.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <mutex>

namespace binge::ui {

class AppSettings;

// What a finished job hands back (built on the worker, read on the GUI thread).
struct LibraryJobResult {
  std::shared_ptr<const Library> library;  // null when the job failed or was cancelled
  // What the Library tab shows of `library`, built on the worker so the GUI thread only swaps it in
  // (10,000 titles: ~15 ms of GUI-thread work otherwise). Null with the library.
  std::shared_ptr<const TitleRows> rows;
  std::shared_ptr<const SeriesTree> series;
  QString libraryPath;
  ImportReport report;                     // import and demo jobs
  PrepareReport prepare;                   // prepare jobs (and the demo, which is prepared once made)
  bool prepared = false;                   // a prepare ran: `prepare` is meaningful
  QString error;                           // one line naming the file and the reason
  bool cancelled = false;
  int threadNice = 0;  // the nice value the job ran at (the GUI thread's; tests check it)
};

class LibraryController : public QObject {
  Q_OBJECT
 public:
  explicit LibraryController(AppSettings* settings, QObject* parent = nullptr);
  ~LibraryController() override;

  std::shared_ptr<const Library> library() const { return library_; }
  std::shared_ptr<const TitleRows> titleRows() const { return rows_; }
  std::shared_ptr<const SeriesTree> seriesTree() const { return series_; }
  QString libraryPath() const { return libraryPath_; }
  bool isBusy() const { return busy_; }
  const LibraryJobResult& lastResult() const { return last_; }

  // Loads a library file on the worker; libraryChanged() on success, jobFailed() otherwise.
  void openLibrary(const QString& path);
  // Imports files/folders into a copy of the open library (or a new one) and saves it atomically to
  // `libraryPath` (the open library's path when empty); then the result becomes the open library.
  void importPaths(const QStringList& paths, const QString& libraryPath = {});
  // Generates the demo world into `dir`, imports dir/titles, saves dir/library.json and opens it.
  void createDemoLibrary(const QString& dir, demo::DemoOptions options = {});
  // Decodes the titles `titleIds` (all trainable titles when empty) of the open library into the
  // prepared cache of the cache preset, skipping those already prepared; per-title failures come back
  // in LibraryJobResult::prepare and the rest goes on. The library is re-read so its rows show the
  // new cache states.
  void prepareTitles(const QStringList& titleIds = {});
  // The preset whose clip geometry the Cache column shows and Prepare writes ("tiny" by default).
  void setCachePreset(const QString& preset) { cachePreset_ = preset; }
  QString cachePreset() const { return cachePreset_; }
  // Asks the running job to stop between files or frames; it then finishes with cancelled = true.
  void cancel();

  // Trainable titles of the library file without a cache file for `preset` (an existence check, fast
  // enough for the GUI thread); *trainable gets their total. 0 when the library cannot be read.
  static int unpreparedTitles(const QString& library, const QString& preset, int* trainable = nullptr);
  // <folder>/library.json for a folder, <file's folder>/library.json for a file.
  static QString defaultLibraryPathFor(const QStringList& paths);
  // QStandardPaths::AppLocalDataLocation/demo
  static QString defaultDemoFolder();

 Q_SIGNALS:
  void jobStarted(const QString& description);
  void progress(int done, int total, const QString& what);
  // Every job ends with jobFinished (after libraryChanged or jobFailed).
  void jobFinished(const binge::ui::LibraryJobResult& result);
  void jobFailed(const QString& message);
  void libraryChanged();

 private:
  template <typename Job>
  void start(const QString& description, Job job);
  void finish(LibraryJobResult result);
  void pollProgress();

  struct ProgressState {
    std::mutex mutex;
    int done = 0;
    int total = 0;
    QString what;
    bool changed = false;
  };

  AppSettings* settings_;
  std::shared_ptr<const Library> library_;
  std::shared_ptr<const TitleRows> rows_;
  std::shared_ptr<const SeriesTree> series_;
  QString libraryPath_;
  QString cachePreset_ = "tiny";
  std::shared_ptr<std::atomic<bool>> cancel_;
  std::shared_ptr<ProgressState> progressState_;
  QTimer progressTimer_;
  bool busy_ = false;
  LibraryJobResult last_;
  OffThreadJob job_;
  // Last member: destroyed first, it waits for a running job (told to cancel) before the rest goes.
  QThreadPool pool_;
};

}  // namespace binge::ui
