#include "ClipViewer.h"

#include "ClipAudioPlayer.h"
#include "ClipLoadService.h"
#include "SpectrogramPlot.h"
#include "TimelineStrip.h"
#include "TitleTableModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace binge::ui {

namespace {
// The slider counts tenths of a second: fine enough to scrub, coarse enough for a 3-hour title.
constexpr double kTicksPerSecond = 10.0;
}  // namespace

ClipViewer::ClipViewer(QWidget* parent)
    : QWidget(parent), loader_(new ClipLoadService(this)), player_(new ClipAudioPlayer(this)) {
  setObjectName("clipViewer");
  auto* layout = new QVBoxLayout(this);
  titleLabel_ = new QLabel("Select a title to see its clips.", this);
  titleLabel_->setObjectName("clipTitle");
  layout->addWidget(titleLabel_);

  // The strip sits over the slider's groove (same left and right insets as the Play button and label).
  auto* stripRow = new QHBoxLayout;
  strip_ = new TimelineStrip(this);
  auto* playSpace = new QWidget(this);
  auto* labelSpace = new QWidget(this);
  stripRow->addWidget(playSpace);
  stripRow->addWidget(strip_, 1);
  stripRow->addWidget(labelSpace);
  layout->addLayout(stripRow);

  auto* timeline = new QHBoxLayout;
  play_ = new QPushButton("Play", this);
  play_->setObjectName("playClip");
  play_->setToolTip("Play the clip's audio (Space)");
  timeline->addWidget(play_);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setObjectName("timeline");
  slider_->setEnabled(false);
  slider_->setToolTip("Scrub through the title; Left/Right step one clip");
  timeline->addWidget(slider_, 1);
  timeLabel_ = new QLabel("–", this);
  timeLabel_->setMinimumWidth(120);
  timeline->addWidget(timeLabel_);
  layout->addLayout(timeline);
  playSpace->setFixedWidth(play_->sizeHint().width());
  labelSpace->setFixedWidth(timeLabel_->minimumWidth());

  frames_ = new QLabel(this);
  frames_->setObjectName("clipFrames");
  frames_->setMinimumHeight(72);
  frames_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  frames_->setToolTip("The clip as the model gets it: 8 frames at 8 fps, short side 72");
  layout->addWidget(frames_);
  plot_ = new SpectrogramPlot(this);
  layout->addWidget(plot_, 1);
  status_ = new QLabel(this);
  status_->setObjectName("clipStatus");
  layout->addWidget(status_);

  connect(slider_, &QSlider::valueChanged, this, [this] { requestClip(); });
  connect(strip_, &TimelineStrip::seekRequested, this, &ClipViewer::seek);
  connect(loader_, &ClipLoadService::loaded, this, &ClipViewer::show);
  connect(play_, &QPushButton::clicked, this, &ClipViewer::togglePlay);
  connect(player_, &ClipAudioPlayer::position, this, &ClipViewer::setPlayhead);
  connect(player_, &ClipAudioPlayer::finished, this, [this] {
    setPlayhead(-1);
    play_->setText("Play");
  });
  connect(player_, &ClipAudioPlayer::error, this, [this](const QString& message) {
    status_->setText(message);
    play_->setText("Play");
  });
}

ClipViewer::~ClipViewer() = default;

void ClipViewer::setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath) {
  player_->stop();
  titleIndex_ = -1;
  library_ = library;
  strip_->setLibrary(library, libraryPath);
  loader_->setLibrary(std::move(library), libraryPath);
  setTitle(-1);
}

void ClipViewer::setClipData(const DataConfig& data) {
  strip_->setClipData(data);
  loader_->setClipData(data);
  const int title = std::exchange(titleIndex_, -1);
  setTitle(title);  // the timeline's steps and the shown clip follow the new length
}

const ClipSpec& ClipViewer::clipSpec() const { return loader_->clipSpec(); }

void ClipViewer::setTitle(int titleIndex) {
  const int valid = library_ && titleIndex >= 0 && titleIndex < static_cast<int>(library_->titles.size()) ? titleIndex : -1;
  if (valid == titleIndex_ && valid >= 0) return;  // re-selecting the same row keeps the position
  player_->stop();
  titleIndex_ = valid;
  current_ = ClipPicture{};
  frames_->clear();
  plot_->clear();
  plot_->replot();
  if (titleIndex_ < 0) {
    strip_->setTitle(-1, clipSpec().videoSeconds());
    titleLabel_->setText("Select a title to see its clips.");
    slider_->setEnabled(false);
    return;
  }
  const Title& title = library_->titles[static_cast<size_t>(titleIndex_)];
  titleLabel_->setText(QString("<b>%1</b> — %2").arg(QString::fromStdString(title.name).toHtmlEscaped(),
                                                      TitleTableModel::formatDuration(title.duration)));
  const double clip = clipSpec().videoSeconds();
  const int last = std::max(0, static_cast<int>(std::floor((title.duration - clip) * kTicksPerSecond)));
  const QSignalBlocker block(slider_);
  slider_->setRange(0, last);
  slider_->setSingleStep(static_cast<int>(kTicksPerSecond));
  slider_->setPageStep(static_cast<int>(10 * kTicksPerSecond));
  slider_->setValue(0);
  slider_->setEnabled(true);
  requestClip();
  // After the clip's request: the thumbnails load on their own thread and must not delay it.
  strip_->setTitle(titleIndex_, clip);
}

double ClipViewer::position() const { return slider_->value() / kTicksPerSecond; }

void ClipViewer::seek(double seconds) { slider_->setValue(static_cast<int>(std::lround(seconds * kTicksPerSecond))); }

void ClipViewer::stepClip(int clips) {
  if (titleIndex_ < 0) return;
  seek(position() + clips * clipSpec().videoSeconds());
}

void ClipViewer::togglePlay() {
  if (player_->isPlaying()) {
    player_->stop();
    setPlayhead(-1);
    play_->setText("Play");
    return;
  }
  if (!current_.ok() || current_.audio.empty()) return;
  play_->setText("Stop");
  player_->play(current_.audio, current_.sampleRate);
}

void ClipViewer::requestClip() {
  if (titleIndex_ < 0) return;
  player_->stop();
  timeLabel_->setText(QString("%1 / %2")
                          .arg(TitleTableModel::formatDuration(position()),
                               TitleTableModel::formatDuration(library_->titles[static_cast<size_t>(titleIndex_)].duration)));
  strip_->setPosition(position());
  requestTimer_.start();
  loader_->request(loader_->newSerial(), 0, titleIndex_, position());
}

void ClipViewer::show(const ClipPicture& picture) {
  if (picture.titleIndex != titleIndex_) return;
  lastLatencyMs_ = requestTimer_.nsecsElapsed() / 1e6;
  current_ = picture;
  play_->setText("Play");
  if (!picture.ok()) {
    frames_->clear();
    plot_->clear();
    status_->setText("Cannot load this clip: " + picture.error);
  } else {
    plot_->setClip(picture);
    setPlayhead(-1);
    status_->setText(QString("Clip at %1 s: %2 frames of %3×%4, %5 mel bins × %6 frames%7 — %8 (%9 ms)")
                         .arg(picture.start, 0, 'f', 1)
                         .arg(picture.frameCount)
                         .arg(picture.frameWidth)
                         .arg(picture.frameHeight)
                         .arg(picture.melBins)
                         .arg(picture.melFrames)
                         .arg(picture.hasAudio ? "" : ", no audio stream")
                         .arg(picture.fromCache ? "prepared cache" : "decoded directly")
                         .arg(lastLatencyMs_, 0, 'f', 0));
  }
  Q_EMIT clipShown(picture);
}

void ClipViewer::setPlayhead(double seconds) {
  playhead_ = seconds;
  plot_->setPlayhead(seconds);
  updateFrames();
}

void ClipViewer::updateFrames() {
  if (current_.frames.isNull()) return;
  // Shown at the model's own resolution, scaled down only when the strip does not fit.
  QImage strip = current_.frames;
  if (strip.width() > frames_->width() && frames_->width() > 100)
    strip = strip.scaledToWidth(frames_->width(), Qt::SmoothTransformation);
  if (playhead_ >= 0 && current_.frameCount > 0 && current_.videoSeconds > 0) {
    // While the audio plays: the frame on screen at that moment framed, the exact time as a line.
    const double cell = static_cast<double>(strip.width()) / current_.frameCount;
    const double x = strip.width() * std::min(1.0, playhead_ / current_.videoSeconds);
    const int frame = std::min(current_.frameCount - 1, static_cast<int>(x / cell));
    QPainter painter(&strip);
    painter.setPen(QPen(QColor(255, 210, 0), 3));
    painter.drawRect(QRectF(frame * cell + 1.5, 1.5, cell - 3, strip.height() - 3));
    painter.setPen(QPen(Qt::white, 2));
    painter.drawLine(QPointF(x, 0), QPointF(x, strip.height()));
  }
  frames_->setPixmap(QPixmap::fromImage(strip));
}

void ClipViewer::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateFrames();
}

}  // namespace binge::ui
