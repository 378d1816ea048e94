#include "TimelineStrip.h"

#include "ClipLoadService.h"
#include "ClipPicture.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace binge::ui {

namespace {
// Thumbnails of ~60 titles; each is one 96×72 frame (27 KB).
constexpr int kCachedThumbnails = 1000;
}  // namespace

TimelineStrip::TimelineStrip(QWidget* parent)
    : QWidget(parent), loader_(new ClipLoadService(this)), cache_(kCachedThumbnails) {
  setObjectName("timelineStrip");
  setMinimumHeight(40);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setCursor(Qt::PointingHandCursor);
  setToolTip("Click or drag to scrub; the highlighted span is the clip shown below");
  connect(loader_, &ClipLoadService::loaded, this, &TimelineStrip::showThumbnail);
}

TimelineStrip::~TimelineStrip() = default;

void TimelineStrip::setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath) {
  library_ = library;
  cache_.clear();
  loader_->setLibrary(std::move(library), libraryPath);
  setTitle(-1, clipSeconds_);
}

void TimelineStrip::setClipData(const DataConfig& data) {
  cache_.clear();
  loader_->setClipData(data);
}

quint64 TimelineStrip::cacheKey(int slot) const {
  return (static_cast<quint64>(titleIndex_) << 8) | static_cast<quint64>(slot);
}

void TimelineStrip::setTitle(int titleIndex, double clipSeconds) {
  titleIndex_ = library_ && titleIndex >= 0 && titleIndex < static_cast<int>(library_->titles.size()) ? titleIndex : -1;
  clipSeconds_ = clipSeconds;
  position_ = 0.0;
  times_.clear();
  thumbnails_.clear();
  serial_ = loader_->newSerial();  // drops the thumbnails still queued for the previous title
  if (titleIndex_ >= 0) {
    duration_ = library_->titles[static_cast<size_t>(titleIndex_)].duration;
    const double last = std::max(0.0, duration_ - clipSeconds_);
    for (int slot = 0; slot < kThumbnails; ++slot) {
      times_.push_back(std::min(last, duration_ * slot / kThumbnails));
      const QImage* cached = cache_.object(cacheKey(slot));
      thumbnails_.push_back(cached ? *cached : QImage());
      if (!cached) loader_->request(serial_, slot, titleIndex_, times_.back());
    }
    if (thumbnailsLoaded() == kThumbnails) Q_EMIT thumbnailsReady();
  }
  update();
}

void TimelineStrip::setPosition(double seconds) {
  position_ = seconds;
  update();
}

int TimelineStrip::thumbnailsLoaded() const {
  return static_cast<int>(std::count_if(thumbnails_.begin(), thumbnails_.end(), [](const QImage& i) { return !i.isNull(); }));
}

void TimelineStrip::showThumbnail(const ClipPicture& picture) {
  if (picture.serial != serial_ || picture.titleIndex != titleIndex_ || picture.slot < 0 || picture.slot >= kThumbnails)
    return;
  // A clip that cannot load leaves its cell grey: the clip viewer reports the reason when scrubbed there.
  if (!picture.ok() || picture.frames.isNull()) return;
  const QImage first = picture.frames.copy(0, 0, picture.frameWidth, picture.frameHeight);
  thumbnails_[static_cast<size_t>(picture.slot)] = first;
  cache_.insert(cacheKey(picture.slot), new QImage(first));
  update();
  if (thumbnailsLoaded() == kThumbnails) Q_EMIT thumbnailsReady();
}

double TimelineStrip::timeAt(int x) const {
  if (titleIndex_ < 0 || width() <= 0) return 0.0;
  const double t = duration_ * std::clamp(x, 0, width()) / width();
  return std::clamp(t, 0.0, std::max(0.0, duration_ - clipSeconds_));
}

void TimelineStrip::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window().color().darker(115));
  if (titleIndex_ < 0 || duration_ <= 0) return;
  const double cell = static_cast<double>(width()) / kThumbnails;
  for (int slot = 0; slot < kThumbnails; ++slot) {
    const QRectF target(slot * cell, 0, cell, height());
    const QImage& thumb = thumbnails_[static_cast<size_t>(slot)];
    if (thumb.isNull()) {
      painter.fillRect(target.adjusted(1, 1, -1, -1), QColor(200, 200, 200));
      continue;
    }
    // Fill the cell, cropping the frame's centre to the cell's aspect.
    const double aspect = target.width() / target.height();
    QRectF source(0, 0, thumb.width(), thumb.height());
    if (thumb.width() > aspect * thumb.height())
      source = QRectF((thumb.width() - aspect * thumb.height()) / 2, 0, aspect * thumb.height(), thumb.height());
    else
      source = QRectF(0, (thumb.height() - thumb.width() / aspect) / 2, thumb.width(), thumb.width() / aspect);
    painter.drawImage(target.adjusted(0.5, 0, -0.5, 0), thumb, source);
  }
  // The clip on screen: its span lit, its start marked.
  const double x0 = width() * position_ / duration_;
  const double x1 = width() * std::min(duration_, position_ + clipSeconds_) / duration_;
  painter.fillRect(QRectF(x0, 0, std::max(2.0, x1 - x0), height()), QColor(255, 255, 255, 90));
  painter.setPen(QPen(QColor(220, 30, 30), 2));
  painter.drawLine(QPointF(x0, 0), QPointF(x0, height()));
}

void TimelineStrip::mousePressEvent(QMouseEvent* event) {
  if (titleIndex_ >= 0 && event->button() == Qt::LeftButton)
    Q_EMIT seekRequested(timeAt(static_cast<int>(event->position().x())));
}

void TimelineStrip::mouseMoveEvent(QMouseEvent* event) {
  if (titleIndex_ >= 0 && (event->buttons() & Qt::LeftButton))
    Q_EMIT seekRequested(timeAt(static_cast<int>(event->position().x())));
}

}  // namespace binge::ui
