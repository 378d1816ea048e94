#pragma once
// A clip-loading thread for one view: owns a QThread and its ClipLoadWorker, takes requests from the
// GUI thread and hands back ClipPicture values through loaded(). newSerial() starts a new generation
// of requests; answers to older ones are dropped both on the worker (not decoded) and here (not
// delivered).
#include "ClipPicture.h"
#include "library/Library.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace binge::ui {

class ClipLoadWorker;

class ClipLoadService : public QObject {
  Q_OBJECT
 public:
  explicit ClipLoadService(QObject* parent = nullptr);
  ~ClipLoadService() override;

  // Replaces the worker (its ClipLoader holds the library); pending requests are dropped.
  void setLibrary(std::shared_ptr<const Library> library, const QString& cacheFolder);
  quint64 newSerial();
  quint64 currentSerial() const { return latest_->load(); }
  void request(quint64 serial, int slot, int titleIndex, double start);

  // The prepared-cache folder for a library file (the tiny preset's geometry).
  static QString defaultCacheFolder(const QString& libraryPath);

 Q_SIGNALS:
  void loaded(const binge::ui::ClipPicture& picture);

 private:
  QThread thread_;
  ClipLoadWorker* worker_ = nullptr;
  std::shared_ptr<std::atomic<quint64>> latest_;
};

}  // namespace binge::ui
