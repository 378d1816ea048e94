#include "ClipLoadService.h"

#include "BackgroundPriority.h"
#include "ClipLoadWorker.h"
#include "data/CacheLocation.h"
#include "runtime/AtomicFile.h"
#include "train/TrainConfig.h"

namespace binge::ui {

ClipLoadService::ClipLoadService(QObject* parent)
    : QObject(parent), data_(presetOrDefaults("tiny").data), latest_(std::make_shared<std::atomic<quint64>>(0)) {
  qRegisterMetaType<binge::ui::ClipPicture>();
  thread_.setObjectName("clip-loader");
  // The loader thread decodes for the views for its whole life (scrubbing, thumbnails): it runs
  // lowered from its first instruction, so the GUI thread keeps the core it paints with. started() is
  // emitted on the new thread, and a connection without a receiver runs there.
  connect(&thread_, &QThread::started, [] { lowerCurrentThreadPriority(); });
  thread_.start();
}

ClipLoadService::~ClipLoadService() {
  latest_->store(~quint64{0});  // queued requests return at once
  if (worker_) worker_->deleteLater();
  thread_.quit();
  thread_.wait();
}

void ClipLoadService::setClipData(const DataConfig& data) {
  const std::string libraryPath = data_.libraryPath;
  data_ = data;
  data_.libraryPath = libraryPath;
  setLibrary(library_, QString::fromStdString(libraryPath));
}

void ClipLoadService::setClipDataOfRun(const QString& runDir) {
  try {
    const auto config = nlohmann::json::parse(readWholeFile(std::filesystem::path(runDir.toStdString()) / "config.json"));
    setClipData(trainConfigFromJson(config).data);
  } catch (const std::exception&) {
    setClipData(presetOrDefaults("tiny").data);
  }
}

void ClipLoadService::setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath) {
  newSerial();
  if (worker_) worker_->deleteLater();  // deleted on its own thread after the requests queued before it
  worker_ = nullptr;
  library_ = std::move(library);
  data_.libraryPath = libraryPath.toStdString();
  if (!library_) return;
  const QString cacheFolder = libraryPath.isEmpty() && data_.cacheDir.empty() ? QString()
                                                                                : QString::fromStdString(cacheFolderFor(data_));
  worker_ = new ClipLoadWorker(library_, cacheFolder, data_, latest_);
  worker_->moveToThread(&thread_);
  connect(worker_, &ClipLoadWorker::loaded, this, [this](const ClipPicture& picture) {
    if (picture.serial >= latest_->load()) Q_EMIT loaded(picture);
  });
}

quint64 ClipLoadService::newSerial() { return latest_->fetch_add(1) + 1; }

void ClipLoadService::request(quint64 serial, int slot, int titleIndex, double start) {
  if (!worker_) return;
  ClipLoadWorker* worker = worker_;
  QMetaObject::invokeMethod(worker, [worker, serial, slot, titleIndex, start] { worker->load(serial, slot, titleIndex, start); },
                            Qt::QueuedConnection);
}

}  // namespace binge::ui
