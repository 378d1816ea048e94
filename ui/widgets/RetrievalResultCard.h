#pragma once
// One cell of the Retrieval tab's result grid: the window's frames (the 8-frame strip folded into two
// rows of four, so cells sit side by side), its log-mel spectrogram, rank and cosine score, title and
// time. A window of the query's own title is framed in orange and says so — those are the neighbours
// hierarchical sampling teaches the model to tell apart — and the query window itself in red.
#include "ClipPicture.h"

#include <QFrame>

class QLabel;

namespace binge::ui {

class RetrievalResultCard : public QFrame {
  Q_OBJECT
 public:
  enum class Mark { None, OwnTitle, QueryWindow, Query };

  // rank: 1-based, 0 for the query card itself.
  RetrievalResultCard(int rank, const QString& title, double start, double score, Mark mark, QWidget* parent = nullptr);

  void setPicture(const ClipPicture& picture);  // the frames arrived (or could not load)
  int rank() const { return rank_; }
  double score() const { return score_; }
  Mark mark() const { return mark_; }
  bool isOwnTitle() const { return mark_ == Mark::OwnTitle || mark_ == Mark::QueryWindow || mark_ == Mark::Query; }
  bool hasPicture() const { return hasPicture_; }
  QString badgeText() const;

  // Frames strip → 4 × 2 mosaic (any frame count; rows of four).
  static QImage foldFrames(const QImage& strip, int frameCount, int perRow = 4);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QColor borderColor() const;

  int rank_;
  double score_;
  Mark mark_;
  bool hasPicture_ = false;
  QLabel* frames_;
  QLabel* spectrogram_;
  QLabel* badge_;
};

}  // namespace binge::ui
