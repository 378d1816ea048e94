#include "SpectrogramPlot.h"

namespace binge::ui {

SpectrogramPlot::SpectrogramPlot(QWidget* parent) : QCustomPlot(parent) {
  setObjectName("spectrogramPlot");
  setMinimumHeight(160);
  xAxis->setLabel("time (s)");
  yAxis->setLabel("mel bin");
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  QCPColorGradient gradient;
  gradient.clearColorStops();
  for (int i = 0; i <= 4; ++i) gradient.setColorStopAt(i / 4.0, QColor(heatColor(i / 4.0)));
  map_->setGradient(gradient);
  playheadLine_ = new QCPItemStraightLine(this);
  playheadLine_->setPen(QPen(Qt::white, 2));
  playheadLine_->setVisible(false);
  clear();
}

void SpectrogramPlot::clear() {
  map_->data()->clear();
  xAxis->setRange(0, 1);
  yAxis->setRange(0, 64);
  setPlayhead(-1);
}

void SpectrogramPlot::setClip(const ClipPicture& picture) {
  if (picture.melBins <= 0 || picture.melFrames <= 0) {
    clear();
    replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  // Cell centres: frame f covers [f·hop, (f+1)·hop); mel bin m is drawn at m.
  const double hop = picture.audioSeconds / picture.melFrames;
  map_->data()->setSize(picture.melFrames, picture.melBins);
  map_->data()->setRange(QCPRange(hop / 2, picture.audioSeconds - hop / 2), QCPRange(0, picture.melBins - 1));
  for (int m = 0; m < picture.melBins; ++m)
    for (int f = 0; f < picture.melFrames; ++f)
      map_->data()->setCell(f, m, picture.logMel[static_cast<size_t>(m) * picture.melFrames + f]);
  map_->rescaleDataRange(true);
  xAxis->setRange(0, picture.audioSeconds);
  yAxis->setRange(-0.5, picture.melBins - 0.5);
  replot(QCustomPlot::rpQueuedReplot);
}

void SpectrogramPlot::setPlayhead(double seconds) {
  playhead_ = seconds;
  playheadLine_->setVisible(seconds >= 0);
  if (seconds >= 0) {
    playheadLine_->point1->setCoords(seconds, 0);
    playheadLine_->point2->setCoords(seconds, 1);
  }
  replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace binge::ui
