#include "LibraryController.h"

#include "AppSettings.h"
#include "BackgroundPriority.h"
#include "data/CacheLocation.h"
#include "library/LibraryLock.h"
#include "train/TrainConfig.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <filesystem>
#include <set>

namespace binge::ui {

namespace fs = std::filesystem;

namespace {

// The prepared cache of `libraryPath` for `preset`'s clip geometry.
PreparedCache cacheFor(const QString& libraryPath, const QString& preset) {
  DataConfig data = loadPreset(preset.toStdString()).data;
  data.libraryPath = libraryPath.toStdString();
  return PreparedCache(cacheFolderFor(data), cacheGeometryFor(data));
}

// What the Cache column says of each title.
std::vector<std::string> cacheStates(const Library& library, const PreparedCache& cache) {
  std::vector<std::string> states;
  states.reserve(library.titles.size());
  std::error_code ec;
  for (const Title& t : library.titles) {
    if (!t.trainable()) states.emplace_back("—");
    else if (!fs::exists(cache.fileFor(t), ec)) states.emplace_back("not prepared");
    else {
      const CacheCheck check = cache.check(t);
      states.push_back(check.valid ? "prepared" : "stale: " + check.reason);
    }
  }
  return states;
}

}  // namespace

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

int LibraryController::unpreparedTitles(const QString& library, const QString& preset, int* trainable) {
  if (trainable) *trainable = 0;
  try {
    const Library lib = loadLibrary(library.toStdString());
    const PreparedCache cache = cacheFor(library, preset);
    int missing = 0;
    std::error_code ec;
    for (const Title& t : lib.titles) {
      if (!t.trainable()) continue;
      if (trainable) ++*trainable;
      missing += !fs::exists(cache.fileFor(t), ec);
    }
    return missing;
  } catch (const std::exception&) {
    return 0;  // the trainer reports an unreadable library itself
  }
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
  Q_EMIT jobStarted(description);
  progressTimer_.start();
  const QString preset = cachePreset_;
  job_.run(
      this, &pool_,
      [job, cancel, report, preset] {
        LibraryJobResult result = job(*cancel, report);
        if (result.library) {
          // The rows and the tree of the Library tab, here rather than in the GUI thread's model reset.
          std::vector<std::string> states;
          try {
            states = cacheStates(*result.library, cacheFor(result.libraryPath, preset));
          } catch (const std::exception&) {
            states.clear();  // no preset to say where the cache is: the column stays empty
          }
          result.rows = TitleRows::build(*result.library, states.empty() ? nullptr : &states);
          result.series = SeriesTree::build(*result.library);
        }
        result.threadNice = currentThreadNice();
        return result;
      },
      [this](LibraryJobResult result) { finish(std::move(result)); },
      [this](const QString& error) {
        LibraryJobResult result;
        result.error = error;
        finish(std::move(result));
      });
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
  // Another writer (a shell's import) may have changed the file since it was opened here: read it again
  // under the lock, so its titles are kept, not overwritten.
  const FileLock lock = lockLibraryFile(libraryPath.toStdString(), "binge (GUI import)");
  if (fs::exists(libraryPath.toStdString())) library = loadLibrary(libraryPath.toStdString());
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

// Prepares `titles` into `cache` (per-title failures recorded, the rest goes on); cancelled between titles.
void prepareInto(LibraryJobResult& result, const PreparedCache& cache, const Library& titles,
                 const std::atomic<bool>& cancel, const Report& report) {
  result.prepared = true;
  result.prepare = cache.prepare(
      titles,
      [&report](const PrepareProgress& p) {
        // Progress in thousandths of the whole job, so the bar moves within a long title too.
        const int total = std::max(1, p.titles) * 1000;
        const int done = std::min(total, static_cast<int>(((p.titleNumber - 1) + p.titleFraction) * 1000));
        report(done, total, QString("Preparing %1 of %2: %3").arg(p.titleNumber).arg(p.titles).arg(QString::fromStdString(p.titleId)));
      },
      &cancel, 1);
  result.cancelled = result.prepare.cancelled;
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
  const QString preset = cachePreset_;
  start("Creating the demo library in " + dir, [options, dir, preset](const std::atomic<bool>& cancel, const Report& report) {
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
    LibraryJobResult result = importAndSave(Library{}, {fs::path(dir.toStdString()) / "titles"},
                                            QDir(dir).filePath("library.json"), cancel, report);
    if (result.cancelled || !result.library) return result;
    // A new demo is prepared at once: training and browsing it then read the cache, not the files.
    prepareInto(result, cacheFor(result.libraryPath, preset), *result.library, cancel, report);
    return result;
  });
}

void LibraryController::prepareTitles(const QStringList& titleIds) {
  if (!library_) {
    Q_EMIT jobFailed("Open a library before preparing it.");
    return;
  }
  Library subset;
  const std::set<QString> wanted(titleIds.begin(), titleIds.end());
  for (const Title& t : library_->titles)
    if (wanted.empty() || wanted.count(QString::fromStdString(t.id))) subset.titles.push_back(t);
  const QString path = libraryPath_, preset = cachePreset_;
  std::shared_ptr<const Library> library = library_;  // immutable: shared with the job, its rows rebuilt after
  start(QString("Preparing %1 of %2 titles for the %3 preset").arg(subset.titles.size()).arg(library_->titles.size()).arg(preset),
        [subset, path, preset, library](const std::atomic<bool>& cancel, const Report& report) {
          LibraryJobResult result;
          result.libraryPath = path;
          prepareInto(result, cacheFor(path, preset), subset, cancel, report);
          if (!result.cancelled) result.library = library;
          return result;
        });
}

}  // namespace binge::ui
