#include "ClipLoadWorker.h"

#include "data/CacheLocation.h"

#include <QElapsedTimer>

namespace binge::ui {

ClipLoadWorker::ClipLoadWorker(std::shared_ptr<const Library> library, QString cacheFolder, const DataConfig& data,
                               std::shared_ptr<std::atomic<quint64>> latest)
    : library_(std::move(library)), latest_(std::move(latest)), spec_(data.clip) {
  loader_ = std::make_unique<ClipLoader>(*library_, cacheFolder.toStdString(), cacheGeometryFor(data), spec_);
}

ClipLoadWorker::~ClipLoadWorker() = default;

void ClipLoadWorker::load(quint64 serial, int slot, int titleIndex, double start) {
  if (serial < latest_->load()) return;  // the user has moved on
  QElapsedTimer timer;
  timer.start();
  ClipPicture picture;
  try {
    if (titleIndex < 0 || titleIndex >= static_cast<int>(library_->titles.size()))
      throw std::out_of_range("no title number " + std::to_string(titleIndex) + " in the library");
    const bool cached = loader_->isPrepared(titleIndex);
    picture = makeClipPicture(loader_->load(titleIndex, start), spec_);
    picture.fromCache = cached;
    picture.framesThumb = picture.frames.scaledToHeight(ClipPicture::kThumbHeight, Qt::SmoothTransformation);
    picture.spectrogramThumb = spectrogramImage(picture, ClipPicture::kThumbHeight);
  } catch (const std::exception& e) {
    picture.error = QString::fromStdString(e.what());
  }
  picture.serial = serial;
  picture.slot = slot;
  picture.titleIndex = titleIndex;
  picture.start = start;
  picture.loadMs = timer.nsecsElapsed() / 1e6;
  Q_EMIT loaded(picture);
}

}  // namespace binge::ui
