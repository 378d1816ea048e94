#pragma once
// The thumbnail strip over the clip viewer's timeline: kThumbnails frames evenly spread over the
// title, the current clip's span highlighted and its start marked; a click or drag on the strip asks
// to seek there. Thumbnails load on the strip's own (lowered) loader thread, after the clip the user
// is looking at, and are kept in a bounded cache so a title seen before shows at once.
#include "data/DataConfig.h"
#include "library/Library.h"

#include <QCache>
#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

namespace binge::ui {

class ClipLoadService;
struct ClipPicture;

class TimelineStrip : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kThumbnails = 16;

  explicit TimelineStrip(QWidget* parent = nullptr);
  ~TimelineStrip() override;

  void setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath);
  void setClipData(const DataConfig& data);  // the thumbnails' clip and cache geometry
  // -1: empty strip. clipSeconds: the length of one clip (the highlighted span).
  void setTitle(int titleIndex, double clipSeconds);
  void setPosition(double seconds);

  int thumbnailsLoaded() const;
  double thumbnailTime(int slot) const { return times_.at(static_cast<size_t>(slot)); }
  // The time a click at x (widget pixels) seeks to.
  double timeAt(int x) const;
  QSize sizeHint() const override { return {640, 44}; }

 Q_SIGNALS:
  void seekRequested(double seconds);
  void thumbnailsReady();  // every thumbnail of the current title is in

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;

 private:
  void showThumbnail(const ClipPicture& picture);
  quint64 cacheKey(int slot) const;

  std::shared_ptr<const Library> library_;
  ClipLoadService* loader_;
  QCache<quint64, QImage> cache_;     // (title, slot) → first frame of the clip there
  int titleIndex_ = -1;
  double duration_ = 0.0;
  double clipSeconds_ = 1.0;
  double position_ = 0.0;
  quint64 serial_ = 0;
  std::vector<double> times_;          // slot → seconds
  std::vector<QImage> thumbnails_;     // slot → image (null until loaded)
};

}  // namespace binge::ui
