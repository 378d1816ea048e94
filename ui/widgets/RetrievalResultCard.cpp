#include "RetrievalResultCard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace binge::ui {

namespace {
constexpr int kFrameHeight = ClipPicture::kThumbHeight;
constexpr int kMosaicWidth = 4 * kFrameHeight * 4 / 3;  // four 4:3 frames
}  // namespace

RetrievalResultCard::RetrievalResultCard(int rank, const QString& title, double start, double score, Mark mark,
                                         QWidget* parent)
    : QFrame(parent), rank_(rank), score_(score), mark_(mark), title_(title), start_(start) {
  setObjectName(rank == 0 ? "queryCard" : QString("resultCard%1").arg(rank));
  // The frame is painted by paintEvent: a style sheet per card cost a few ms of parsing and polish each,
  // most of a query's time on screen.
  setFrameShape(QFrame::NoFrame);
  // A click selects the card (focus), so Space in the results plays the card the user pointed at.
  setFocusPolicy(Qt::ClickFocus);
  // A fixed width: the grid's columns are counted from it, and cells never stretch apart.
  setFixedWidth(kMosaicWidth + 2 * 6 + 2 * 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  layout->setSpacing(2);

  auto* head = new QHBoxLayout;
  auto* rankLabel = new QLabel(rank == 0 ? QString("Query") : QString("#%1").arg(rank), this);
  rankLabel->setObjectName("rank");
  rankLabel->setTextFormat(Qt::PlainText);
  QFont bold = rankLabel->font();
  bold.setBold(true);
  rankLabel->setFont(bold);
  head->addWidget(rankLabel);
  head->addStretch(1);
  if (rank > 0) {
    auto* scoreLabel = new QLabel(QString("cos %1").arg(score, 0, 'f', 3), this);
    scoreLabel->setObjectName("score");
    head->addWidget(scoreLabel);
  }
  layout->addLayout(head);

  frames_ = new QLabel("loading…", this);
  frames_->setObjectName("frames");
  frames_->setFixedSize(kMosaicWidth, 2 * kFrameHeight);
  frames_->setAlignment(Qt::AlignCenter);
  layout->addWidget(frames_);
  spectrogram_ = new QLabel(this);
  spectrogram_->setObjectName("spectrogram");
  spectrogram_->setFixedSize(kMosaicWidth, kFrameHeight / 2);
  spectrogram_->setScaledContents(true);
  layout->addWidget(spectrogram_);

  auto* titleLabel = new QLabel(this);
  titleLabel->setObjectName("title");
  titleLabel->setText(titleLabel->fontMetrics().elidedText(title, Qt::ElideMiddle, kMosaicWidth));
  titleLabel->setToolTip(title);
  layout->addWidget(titleLabel);
  auto* foot = new QHBoxLayout;
  auto* time = new QLabel(QString("%1 s").arg(start, 0, 'f', 1), this);
  time->setObjectName("time");
  foot->addWidget(time);
  play_ = new QPushButton("▶", this);
  play_->setObjectName("play");
  play_->setToolTip("Play this window's audio (Space plays the selected card)");
  play_->setEnabled(false);  // until the clip's audio arrived
  // Narrow: the card's width is fixed by the frame mosaic and the foot row must still fit the badge.
  play_->setFixedWidth(play_->fontMetrics().horizontalAdvance("■■") + 16);
  connect(play_, &QPushButton::clicked, this, &RetrievalResultCard::playRequested);
  foot->addWidget(play_);
  foot->addStretch(1);
  badge_ = new QLabel(badgeText(), this);
  badge_->setObjectName("badge");
  QPalette palette = badge_->palette();
  palette.setColor(QPalette::WindowText, borderColor());
  badge_->setPalette(palette);
  badge_->setFont(bold);
  foot->addWidget(badge_);
  layout->addLayout(foot);
  setToolTip(QString("%1 at %2 s%3").arg(title).arg(start, 0, 'f', 1).arg(badgeText().isEmpty() ? "" : " — " + badgeText()));
}

QColor RetrievalResultCard::borderColor() const {
  switch (mark_) {
    case Mark::Query:
    case Mark::QueryWindow: return QColor(200, 0, 0);
    case Mark::OwnTitle: return QColor(240, 140, 0);
    case Mark::None: break;
  }
  return palette().color(QPalette::Mid);
}

void RetrievalResultCard::paintEvent(QPaintEvent* event) {
  QFrame::paintEvent(event);
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const double width = mark_ == Mark::None ? 1.0 : 3.0;
  const QColor fill = mark_ == Mark::None       ? palette().color(QPalette::Base)
                      : mark_ == Mark::OwnTitle ? QColor(255, 244, 224)
                                                : QColor(255, 234, 234);
  painter.setPen(QPen(borderColor(), width));
  painter.setBrush(fill);
  painter.drawRoundedRect(QRectF(rect()).adjusted(width / 2, width / 2, -width / 2, -width / 2), 4, 4);
  if (hasFocus()) {  // the selected card (the one Space plays)
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(rect()).adjusted(width + 1, width + 1, -width - 1, -width - 1), 3, 3);
  }
}

void RetrievalResultCard::setPlaying(bool playing) {
  playing_ = playing;
  play_->setText(playing ? "■" : "▶");
  play_->setToolTip(playing ? "Stop" : "Play this window's audio (Space plays the selected card)");
}

QString RetrievalResultCard::badgeText() const {
  switch (mark_) {
    case Mark::Query: return "query";
    case Mark::QueryWindow: return "the query itself";
    case Mark::OwnTitle: return "same title";
    case Mark::None: return {};
  }
  return {};
}

QImage RetrievalResultCard::foldFrames(const QImage& strip, int frameCount, int perRow) {
  if (strip.isNull() || frameCount <= 0) return {};
  const int w = strip.width() / frameCount, h = strip.height();
  const int rows = (frameCount + perRow - 1) / perRow;
  QImage mosaic(w * std::min(perRow, frameCount), h * rows, QImage::Format_RGB32);
  mosaic.fill(Qt::black);
  QPainter painter(&mosaic);
  for (int f = 0; f < frameCount; ++f)
    painter.drawImage(QPoint((f % perRow) * w, (f / perRow) * h), strip, QRect(f * w, 0, w, h));
  return mosaic;
}

void RetrievalResultCard::setPicture(const ClipPicture& picture) {
  hasPicture_ = true;
  audio_ = picture.ok() && picture.hasAudio ? picture.audio : std::vector<float>{};
  sampleRate_ = picture.sampleRate;
  play_->setEnabled(!audio_.empty());
  if (!audio_.empty()) play_->setToolTip("Play this window's audio (Space plays the selected card)");
  else play_->setToolTip(picture.ok() ? "This window has no audio stream" : "The clip could not be loaded");
  if (!picture.ok()) {
    frames_->setText("cannot load");
    frames_->setToolTip(picture.error);
    return;
  }
  const QImage mosaic = foldFrames(picture.framesThumb, picture.frameCount);
  frames_->setPixmap(QPixmap::fromImage(mosaic.scaled(frames_->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
  spectrogram_->setPixmap(QPixmap::fromImage(picture.spectrogramThumb));
}

}  // namespace binge::ui
