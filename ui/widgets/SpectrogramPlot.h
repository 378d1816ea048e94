#pragma once
// A clip's log-mel spectrogram as a QCustomPlot colour map, time (s) across and mel bin up, with a
// playhead line that follows audio playback.
#include "ClipPicture.h"

#include "QCustomPlotInclude.h"

namespace binge::ui {

class SpectrogramPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit SpectrogramPlot(QWidget* parent = nullptr);
  void setClip(const ClipPicture& picture);
  void clear();
  // Seconds from the clip's start; negative hides the playhead.
  void setPlayhead(double seconds);
  double playhead() const { return playhead_; }
  QCPColorMap* colorMap() const { return map_; }

 private:
  QCPColorMap* map_;
  QCPItemStraightLine* playheadLine_;
  double playhead_ = -1.0;
};

}  // namespace binge::ui
