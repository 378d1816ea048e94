#pragma once
// Loads clips of a library on its own thread (see ClipLoadService, which owns the thread). It owns
// one ClipLoader (prepared cache when valid, else direct decode; not thread-safe, so one per worker).
// Requests carry a serial number; a request older than the newest serial the owner has announced is
// dropped unread, so scrubbing fast decodes only the position the user stopped at.
#include "ClipPicture.h"
#include "data/ClipLoader.h"
#include "data/DataConfig.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace binge::ui {

class ClipLoadWorker : public QObject {
  Q_OBJECT
 public:
  // Clips of `data.clip`, from the prepared cache of data's geometry in `cacheFolder` where valid.
  ClipLoadWorker(std::shared_ptr<const Library> library, QString cacheFolder, const DataConfig& data,
                 std::shared_ptr<std::atomic<quint64>> latest);
  ~ClipLoadWorker() override;

 public Q_SLOTS:
  void load(quint64 serial, int slot, int titleIndex, double start);

 Q_SIGNALS:
  void loaded(const binge::ui::ClipPicture& picture);

 private:
  std::shared_ptr<const Library> library_;
  std::shared_ptr<std::atomic<quint64>> latest_;
  ClipSpec spec_;
  std::unique_ptr<ClipLoader> loader_;
};

}  // namespace binge::ui
