#pragma once
// The clip viewer under the library table: a timeline of the selected title (a strip of thumbnails
// over it; scrub with the slider or on the strip), the clip at that time as the model gets it — 8
// frames at 8 fps, short side 72 — and its log-mel spectrogram, and audio playback with a playhead
// over the frames and the spectrogram. Space plays, Left/Right step one clip. Clips load on the view's
// own worker thread; stale answers are dropped.
#include "ClipPicture.h"
#include "data/DataConfig.h"
#include "library/Library.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSlider;

namespace binge::ui {

class ClipAudioPlayer;
class ClipLoadService;
class SpectrogramPlot;
class TimelineStrip;

class ClipViewer : public QWidget {
  Q_OBJECT
 public:
  explicit ClipViewer(QWidget* parent = nullptr);
  ~ClipViewer() override;

  void setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath);
  // The clip the model sees (the chosen preset's): its length steps the timeline, its frames, sound and
  // log-mel are what the viewer shows.
  void setClipData(const DataConfig& data);
  const ClipSpec& clipSpec() const;
  void setTitle(int titleIndex);  // -1: nothing selected
  void seek(double seconds);      // moves the timeline; the clip follows
  void stepClip(int clips);       // ±1: one clip length
  void togglePlay();
  // Seconds into the clip while its audio plays (negative: not playing): frames the frame on screen at
  // that moment and moves the line over the spectrogram. The player drives it.
  void setPlayhead(double seconds);
  double playhead() const { return playhead_; }
  const QLabel* framesLabel() const { return frames_; }

  int titleIndex() const { return titleIndex_; }
  double position() const;        // seconds of the timeline
  const ClipPicture& currentClip() const { return current_; }
  QSlider* timeline() const { return slider_; }
  TimelineStrip* thumbnails() const { return strip_; }
  SpectrogramPlot* spectrogram() const { return plot_; }
  // Request → picture on screen, of the last shown clip (ms).
  double lastLatencyMs() const { return lastLatencyMs_; }

 Q_SIGNALS:
  void clipShown(const binge::ui::ClipPicture& picture);

 private:
  void requestClip();
  void show(const ClipPicture& picture);
  void updateFrames();
  void resizeEvent(QResizeEvent* event) override;

  std::shared_ptr<const Library> library_;
  ClipLoadService* loader_;
  ClipAudioPlayer* player_;
  int titleIndex_ = -1;
  QLabel* titleLabel_;
  TimelineStrip* strip_;
  QSlider* slider_;
  QLabel* timeLabel_;
  QLabel* frames_;
  SpectrogramPlot* plot_;
  QPushButton* play_;
  QLabel* status_;
  ClipPicture current_;
  QElapsedTimer requestTimer_;
  double lastLatencyMs_ = 0.0;
  double playhead_ = -1.0;
};

}  // namespace binge::ui
