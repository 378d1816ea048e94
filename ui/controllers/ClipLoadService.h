#pragma once
// A clip-loading thread for one view: owns a QThread and its ClipLoadWorker, takes requests from the
// GUI thread and hands back ClipPicture values through loaded(). newSerial() starts a new generation
// of requests; answers to older ones are dropped both on the worker (not decoded) and here (not
// delivered).
#include "ClipPicture.h"
#include "data/DataConfig.h"
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

  // Replaces the worker (its ClipLoader holds the library); pending requests are dropped. Clips come
  // from the library's prepared cache for the clip geometry (setClipData) where it is valid.
  void setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath);
  // The clip the views show, and the cache geometry it is read at: the chosen preset's or a run's
  // (data.clip; data.cacheDir when set). Default: the tiny preset's.
  void setClipData(const DataConfig& data);
  // The clip a run's model saw: its config.json's clip and cache geometry (the tiny preset's when the
  // run has no readable config).
  void setClipDataOfRun(const QString& runDir);
  const ClipSpec& clipSpec() const { return data_.clip; }
  quint64 newSerial();
  quint64 currentSerial() const { return latest_->load(); }
  void request(quint64 serial, int slot, int titleIndex, double start);


 Q_SIGNALS:
  void loaded(const binge::ui::ClipPicture& picture);

 private:
  QThread thread_;
  ClipLoadWorker* worker_ = nullptr;
  std::shared_ptr<const Library> library_;
  DataConfig data_;
  std::shared_ptr<std::atomic<quint64>> latest_;
};

}  // namespace binge::ui
