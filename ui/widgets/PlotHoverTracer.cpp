#include "PlotHoverTracer.h"

#include <QEvent>
#include <QLocale>
#include <QMouseEvent>

#include <cmath>
#include <limits>

namespace binge::ui {

PlotHoverTracer::PlotHoverTracer(QCustomPlot* plot) : QObject(plot), plot_(plot) {
  setObjectName("hoverTracer");
  plot_->addLayer("hover", nullptr, QCustomPlot::limAbove);  // on top of everything, legend included
  layer_ = plot_->layer("hover");
  layer_->setMode(QCPLayer::lmBuffered);
  tracer_ = new QCPItemTracer(plot_);
  tracer_->setLayer(layer_);
  tracer_->setStyle(QCPItemTracer::tsCircle);
  tracer_->setSize(8);
  tracer_->setInterpolating(false);
  tracer_->position->setType(QCPItemPosition::ptPlotCoords);
  tracer_->setClipToAxisRect(true);
  label_ = new QCPItemText(plot_);
  label_->setLayer(layer_);
  label_->setClipToAxisRect(false);
  // Pixels away from the tracer, whatever the axes' scales.
  label_->position->setType(QCPItemPosition::ptAbsolute);
  label_->position->setParentAnchor(tracer_->position);
  label_->setPadding(QMargins(4, 2, 4, 2));
  label_->setBrush(QColor(255, 255, 255, 230));
  label_->setPen(QPen(QColor(120, 120, 120)));
  label_->setTextAlignment(Qt::AlignLeft);
  QFont small = plot_->font();
  small.setPointSize(8);
  label_->setFont(small);
  tracer_->setVisible(false);
  label_->setVisible(false);

  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) { hoverAt(event->position()); });
  plot_->installEventFilter(this);
}

bool PlotHoverTracer::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_ && event->type() == QEvent::Leave) clear();
  return QObject::eventFilter(watched, event);
}

bool PlotHoverTracer::hoverAt(const QPointF& pos) {
  QCPGraph* best = nullptr;
  double bestKey = 0, bestValue = 0;
  double bestDistance = kMaxDistancePx;
  if (plot_->axisRect()->rect().contains(pos.toPoint())) {
    for (int g = 0; g < plot_->graphCount(); ++g) {
      QCPGraph* graph = plot_->graph(g);
      if (!graph->visible() || graph->dataCount() == 0 || !graph->layer()->visible()) continue;
      QCPAxis* keyAxis = graph->keyAxis();
      const double lo = keyAxis->pixelToCoord(pos.x() - kWindowPx), hi = keyAxis->pixelToCoord(pos.x() + kWindowPx);
      const auto data = graph->data();
      // From the last point before the window to the first after it: sparse series have none inside.
      auto it = data->findBegin(std::min(lo, hi), /*expandedRange=*/true);
      const auto end = data->findEnd(std::max(lo, hi), /*expandedRange=*/true);
      for (int seen = 0; it != end && seen < 20000; ++it, ++seen) {
        if (std::isnan(it->value)) continue;
        const QPointF at = graph->coordsToPixels(it->key, it->value);
        const double distance = std::hypot(at.x() - pos.x(), at.y() - pos.y());
        if (distance < bestDistance) {
          bestDistance = distance;
          best = graph;
          bestKey = it->key;
          bestValue = it->value;
        }
      }
    }
  }
  if (!best) {
    clear();
    return false;
  }
  if (best == graph_ && bestKey == key_ && bestValue == value_) return true;
  graph_ = best;
  key_ = bestKey;
  value_ = bestValue;
  show();
  return true;
}

QString PlotHoverTracer::text() const {
  if (!graph_) return {};
  // Steps are integers; values get four significant digits (losses, rates from 1e-5 to 1e3).
  return QString("%1\nstep %2: %3")
      .arg(graph_->name(), QLocale().toString(static_cast<qlonglong>(std::llround(key_))),
           QString::number(value_, 'g', 4));
}

void PlotHoverTracer::show() {
  tracer_->position->setAxes(graph_->keyAxis(), graph_->valueAxis());
  tracer_->position->setCoords(key_, value_);
  tracer_->setPen(QPen(graph_->pen().color(), 1.5));
  tracer_->setBrush(QColor(255, 255, 255, 200));
  label_->setText(text());
  // The label goes on the side of the point with more room, so it stays inside the plot.
  const QRect rect = plot_->axisRect()->rect();
  const QPointF at = graph_->coordsToPixels(key_, value_);
  const bool right = at.x() > rect.center().x();
  const bool below = at.y() < rect.center().y();
  label_->setPositionAlignment((right ? Qt::AlignRight : Qt::AlignLeft) | (below ? Qt::AlignTop : Qt::AlignBottom));
  label_->position->setCoords(right ? -8 : 8, below ? 8 : -8);
  tracer_->setVisible(true);
  label_->setVisible(true);
  layer_->replot();
}

void PlotHoverTracer::clear() {
  if (!graph_ && !tracer_->visible()) return;
  graph_ = nullptr;
  tracer_->setVisible(false);
  label_->setVisible(false);
  layer_->replot();
}

}  // namespace binge::ui
