#include "SimilarityHeatmap.h"

#include "ClipPicture.h"

#include <QToolTip>

#include <cmath>

namespace binge::ui {
namespace {
// A cosine's own range while no batch is shown (an empty map would otherwise show QCustomPlot's 0–6).
const QCPRange kEmptyRange(-1, 1);
}  // namespace

SimilarityHeatmap::SimilarityHeatmap(QWidget* parent) : QCustomPlot(parent) {
  setObjectName("similarityHeatmap");
  setMinimumSize(260, 240);
  xAxis->setLabel("audio of clip");
  yAxis->setLabel("video of clip");
  yAxis->setRangeReversed(true);  // clip 1 at the top, like the table beside it
  // Whole clip numbers only.
  for (QCPAxis* axis : {xAxis, yAxis}) {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
  }
  map_ = new QCPColorMap(xAxis, yAxis);
  map_->setInterpolate(false);
  scale_ = new QCPColorScale(this);
  scale_->axis()->setLabel("cosine");
  plotLayout()->addElement(0, 1, scale_);
  map_->setColorScale(scale_);
  QCPColorGradient gradient;
  gradient.clearColorStops();
  for (int i = 0; i <= 4; ++i) gradient.setColorStopAt(i / 4.0, QColor(heatColor(i / 4.0)));
  map_->setGradient(gradient);
  map_->setDataRange(kEmptyRange);
  // The colour scale and the map share the axis rect's vertical margins.
  auto* margins = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  selection_ = new QCPItemRect(this);
  selection_->setPen(QPen(Qt::red, 2));
  selection_->setLayer("overlay");  // above the title blocks drawn later
  selection_->setVisible(false);
  setMouseTracking(true);
  connect(this, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
    int row = -1, column = -1;
    if (cellAt(event->position(), row, column)) Q_EMIT cellClicked(row, column);
  });
  connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
    int row = -1, column = -1;
    if (!cellAt(event->position(), row, column)) return QToolTip::hideText();
    QToolTip::showText(event->globalPosition().toPoint(),
                       QString("video #%1 · audio #%2: %3%4")
                           .arg(row + 1)
                           .arg(column + 1)
                           .arg(values_[static_cast<size_t>(row * n_ + column)], 0, 'f', 3)
                           .arg(row == column ? " (positive)" : ""),
                       this);
  });
  clearMatrix();
}

void SimilarityHeatmap::clearMatrix() {
  values_.clear();
  n_ = 0;
  map_->data()->clear();
  map_->setDataRange(kEmptyRange);
  for (QCPItemRect* r : blocks_) removeItem(r);
  blocks_.clear();
  selection_->setVisible(false);
  xAxis->setRange(0.5, 1.5);
  yAxis->setRange(0.5, 1.5);
  replot(QCustomPlot::rpQueuedReplot);
}

void SimilarityHeatmap::setMatrix(const std::vector<float>& values, int n, const std::vector<int>& groupOfRow) {
  clearMatrix();
  if (n <= 0 || values.size() != static_cast<size_t>(n) * n) return;
  values_ = values;
  n_ = n;
  // Cells centred on 1 … n (clip numbers as the table shows them).
  map_->data()->setSize(n, n);
  map_->data()->setRange(QCPRange(1, n), QCPRange(1, n));
  for (int row = 0; row < n; ++row)
    for (int column = 0; column < n; ++column) map_->data()->setCell(column, row, values[static_cast<size_t>(row * n + column)]);
  map_->rescaleDataRange(true);
  xAxis->setRange(0.5, n + 0.5);
  yAxis->setRange(0.5, n + 0.5);
  // One outline per run of equal groups on the diagonal: the title blocks.
  for (int begin = 0; begin < n;) {
    int end = begin + 1;
    while (end < n && static_cast<size_t>(end) < groupOfRow.size() && groupOfRow[static_cast<size_t>(end)] == groupOfRow[static_cast<size_t>(begin)])
      ++end;
    auto* block = new QCPItemRect(this);
    block->setPen(QPen(Qt::white, 1.5));
    block->topLeft->setCoords(begin + 0.5, begin + 0.5);
    block->bottomRight->setCoords(end + 0.5, end + 0.5);
    blocks_.push_back(block);
    begin = end;
  }
  replot(QCustomPlot::rpQueuedReplot);
}

void SimilarityHeatmap::setSelectedCell(int videoRow, int audioColumn) {
  const bool show = videoRow >= 0 && audioColumn >= 0 && videoRow < n_ && audioColumn < n_;
  selection_->setVisible(show);
  if (show) {
    selection_->topLeft->setCoords(audioColumn + 0.5, videoRow + 0.5);
    selection_->bottomRight->setCoords(audioColumn + 1.5, videoRow + 1.5);
  }
  replot(QCustomPlot::rpQueuedReplot);
}

QPoint SimilarityHeatmap::cellCentre(int videoRow, int audioColumn) const {
  return QPointF(xAxis->coordToPixel(audioColumn + 1), yAxis->coordToPixel(videoRow + 1)).toPoint();
}

bool SimilarityHeatmap::cellAt(const QPointF& pixel, int& row, int& column) const {
  if (n_ == 0 || !axisRect()->rect().contains(pixel.toPoint())) return false;
  column = static_cast<int>(std::lround(xAxis->pixelToCoord(pixel.x()))) - 1;
  row = static_cast<int>(std::lround(yAxis->pixelToCoord(pixel.y()))) - 1;
  return row >= 0 && column >= 0 && row < n_ && column < n_;
}

}  // namespace binge::ui
