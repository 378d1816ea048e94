#include "LibraryController.h"

#include "AppSettings.h"
#include "BackgroundPriority.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QStandardPaths>
#include <QtConcurrent>

#include <filesystem>

namespace binge::ui {

namespace fs = std::filesystem;

LibraryController::LibraryController(AppSettings* settings, QObject* parent) : QObject(parent), settings_(settings) {
  pool_.setMaxThreadCount(1);  // one job at a time
  progressTimer_.setInterval(50);
  connect(&progressTimer_, &QTimer::timeout, this, &LibraryController::pollProgress);
}

LibraryController::~LibraryController() {
  // A job still running holds only its own copies and the cancel flag; stop it early (pool_ then
  // waits for it to return).
  if (cancel_) cancel_->store(true);
}

QString LibraryController::defaultLibraryPathFor(const QStringList& paths) {
  if (paths.isEmpty()) return {};
  const QFileInfo first(paths.first());
  const QDir dir = first.isDir() ? QDir(first.absoluteFilePath()) : first.absoluteDir();
  return dir.filePath("library.json");
}

QString LibraryController::defaultDemoFolder() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath("demo");
}

void LibraryController::cancel() {
  if (cancel_) cancel_->store(true);
}

template <typename Job>
void LibraryController::start(const QString& description, Job job) {
  if (busy_) {
    Q_EMIT jobFailed("Another library job is still running; wait for it or cancel it.");
    return;
  }
  busy_ = true;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  progressState_ = std::make_shared<ProgressState>();
  auto cancel = cancel_;
  auto state = progressState_;
  // The worker only writes the latest progress into shared state; the GUI reads it on a timer, so a
  // fast job cannot flood the event queue and the job never touches a QObject.
  auto report = [state](int done, int total, const QString& what) {
    const std::lock_guard<std::mutex> lock(state->mutex);
    state->done = done;
    state->total = total;
    state->what = what;
    state->changed = true;
  };
  auto* watcher = new QFutureWatcher<LibraryJobResult>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
    LibraryJobResult result = watcher->result();
    watcher->deleteLater();
    finish(std::move(result));
  });
  Q_EMIT jobStarted(description);
  progressTimer_.start();
  watcher->setFuture(QtConcurrent::run(&pool_, [job, cancel, report]() -> LibraryJobResult {
    LibraryJobResult result;
    try {
      result = job(*cancel, report);
      if (result.library) {
        // The rows and the tree of the Library tab, here rather than in the GUI thread's model reset.
        result.rows = TitleRows::build(*result.library);
        result.series = SeriesTree::build(*result.library);
      }
    } catch (const std::exception& e) {
      result = LibraryJobResult{};
      result.error = QString::fromStdString(e.what());
    }
    result.threadNice = currentThreadNice();
    return result;
  }));
}

void LibraryController::pollProgress() {
  if (!progressState_) return;
  int done = 0, total = 0;
  QString what;
  {
    const std::lock_guard<std::mutex> lock(progressState_->mutex);
    if (!progressState_->changed) return;
    progressState_->changed = false;
    done = progressState_->done;
    total = progressState_->total;
    what = progressState_->what;
  }
  Q_EMIT progress(done, total, what);
}

void LibraryController::finish(LibraryJobResult result) {
  pollProgress();
  progressTimer_.stop();
  progressState_.reset();
  busy_ = false;
  cancel_.reset();
  last_ = result;
  if (result.library) {
    library_ = result.library;
    rows_ = result.rows;
    series_ = result.series;
    libraryPath_ = QFileInfo(result.libraryPath).absoluteFilePath();
    if (settings_) settings_->addRecentLibrary(libraryPath_);
    Q_EMIT libraryChanged();
  } else if (!result.cancelled) {
    Q_EMIT jobFailed(result.error.isEmpty() ? QStringLiteral("The job failed without a message.") : result.error);
  }
  Q_EMIT jobFinished(last_);
}

namespace {

using Report = std::function<void(int, int, const QString&)>;

// Imports `paths` into `library` and saves it at `libraryPath`; shared by import and demo jobs.
LibraryJobResult importAndSave(Library library, const std::vector<fs::path>& paths, const QString& libraryPath,
                               const std::atomic<bool>& cancel, const Report& report) {
  LibraryImporter importer;
  importer.setCancelFlag(&cancel);
  importer.setProgressCallback([&report](const ImportProgress& p) {
    report(static_cast<int>(p.done), static_cast<int>(p.total),
           QString::fromStdString(fs::path(p.path).filename().string()));
  });
  LibraryJobResult result;
  result.report = importer.import(library, paths);
  result.libraryPath = libraryPath;
  if (result.report.cancelled) {
    result.cancelled = true;
    return result;
  }
  saveLibrary(libraryPath.toStdString(), library);
  result.library = std::make_shared<const Library>(std::move(library));
  return result;
}

}  // namespace

void LibraryController::openLibrary(const QString& path) {
  start("Opening " + path, [path](const std::atomic<bool>&, const Report&) {
    LibraryJobResult result;
    result.libraryPath = path;
    result.library = std::make_shared<const Library>(loadLibrary(path.toStdString()));
    return result;
  });
}

void LibraryController::importPaths(const QStringList& paths, const QString& libraryPath) {
  QString target = libraryPath;
  if (target.isEmpty()) target = library_ ? libraryPath_ : defaultLibraryPathFor(paths);
  // Re-import into the open library only when saving back to it; a new target starts empty.
  Library base = library_ && QFileInfo(target).absoluteFilePath() == libraryPath_ ? *library_ : Library{};
  std::vector<fs::path> files;
  for (const QString& p : paths) files.emplace_back(p.toStdString());
  if (settings_ && !paths.isEmpty()) settings_->setLastImportFolder(QFileInfo(paths.first()).absolutePath());
  start(QString("Importing %1 into %2").arg(paths.join(", "), target),
        [base, files, target](const std::atomic<bool>& cancel, const Report& report) {
          return importAndSave(base, files, target, cancel, report);
        });
}

void LibraryController::createDemoLibrary(const QString& dir, demo::DemoOptions options) {
  options.outDir = dir.toStdString();
  start("Creating the demo library in " + dir, [options, dir](const std::atomic<bool>& cancel, const Report& report) {
    QDir().mkpath(dir);
    // Generation is most of the work; the import that follows reports its own progress.
    const demo::DemoSummary summary = demo::generateDemoWorld(
        options,
        [&report](int done, int total, const std::string& name) {
          report(done, total, QString::fromStdString("Generating " + name));
        },
        &cancel);
    if (summary.cancelled) {
      LibraryJobResult result;
      result.cancelled = true;
      return result;
    }
    return importAndSave(Library{}, {fs::path(dir.toStdString()) / "titles"}, QDir(dir).filePath("library.json"),
                         cancel, report);
  });
}

}  // namespace binge::ui
