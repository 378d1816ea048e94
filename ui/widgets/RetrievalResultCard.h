#pragma once
// One cell of the Retrieval tab's result grid: the window's frames (the 8-frame strip folded into two
// rows of four, so cells sit side by side), its log-mel spectrogram, rank and cosine score, title and
// time. A window of the query's own title is framed in orange and says so — those are the neighbours
// hierarchical sampling teaches the model to tell apart — and the query window itself in red.
// Its Play button asks for the window's audio (playRequested); the view owns the one player, so
// starting another card stops this one, and tells the card through setPlaying.
#include "ClipPicture.h"

#include <QFrame>

#include <vector>

class QLabel;
class QPushButton;

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
  QString title() const { return title_; }
  double start() const { return start_; }

  // The window's audio, kept from setPicture so Play needs no second decode; empty until the clip
  // arrived or when it has no audio stream (Play stays disabled then).
  const std::vector<float>& audio() const { return audio_; }
  int sampleRate() const { return sampleRate_; }
  QPushButton* playButton() const { return play_; }
  void setPlaying(bool playing);  // the button shows Stop while this card's audio plays
  bool isPlaying() const { return playing_; }

  // Frames strip → 4 × 2 mosaic (any frame count; rows of four).
  static QImage foldFrames(const QImage& strip, int frameCount, int perRow = 4);

 Q_SIGNALS:
  void playRequested();  // Play or Stop pressed: the view toggles its player

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QColor borderColor() const;

  int rank_;
  double score_;
  Mark mark_;
  bool hasPicture_ = false;
  bool playing_ = false;
  QString title_;
  double start_;
  std::vector<float> audio_;
  int sampleRate_ = 16000;
  QPushButton* play_;
  QLabel* frames_;
  QLabel* spectrogram_;
  QLabel* badge_;
};

}  // namespace binge::ui
