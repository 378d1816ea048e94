#include "RetrievalResultCard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace binge::ui {

namespace {
constexpr int kFrameHeight = ClipPicture::kThumbHeight;
constexpr int kMosaicWidth = 4 * kFrameHeight * 4 / 3;  // four 4:3 frames
}  // namespace

RetrievalResultCard::RetrievalResultCard(int rank, const QString& title, double start, double score, Mark mark,
                                         QWidget* parent)
    : QFrame(parent), rank_(rank), score_(score), mark_(mark) {
  setObjectName(rank == 0 ? "queryCard" : QString("resultCard%1").arg(rank));
  setFrameShape(QFrame::StyledPanel);
  // The border carries the marking; a colour name in the tooltip keeps it readable without colour.
  const char* border = mark == Mark::Query || mark == Mark::QueryWindow ? "#c80000"
                       : mark == Mark::OwnTitle                        ? "#f08c00"
                                                                       : "#c8c8c8";
  const int width = mark == Mark::None ? 1 : 3;
  setStyleSheet(QString("binge--ui--RetrievalResultCard { border: %1px solid %2; border-radius: 4px; background: %3; }")
                    .arg(width)
                    .arg(border)
                    .arg(mark == Mark::None ? "palette(base)" : mark == Mark::OwnTitle ? "#fff4e0" : "#ffeaea"));
  // A fixed width: the grid's columns are counted from it, and cells never stretch apart.
  setFixedWidth(kMosaicWidth + 2 * 6 + 2 * 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  layout->setSpacing(2);

  auto* head = new QHBoxLayout;
  auto* rankLabel = new QLabel(rank == 0 ? QString("<b>Query</b>") : QString("<b>#%1</b>").arg(rank), this);
  rankLabel->setObjectName("rank");
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
  foot->addStretch(1);
  badge_ = new QLabel(badgeText(), this);
  badge_->setObjectName("badge");
  badge_->setStyleSheet(QString("color: %1; font-weight: bold;").arg(border));
  foot->addWidget(badge_);
  layout->addLayout(foot);
  setToolTip(QString("%1 at %2 s%3").arg(title).arg(start, 0, 'f', 1).arg(badgeText().isEmpty() ? "" : " — " + badgeText()));
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
