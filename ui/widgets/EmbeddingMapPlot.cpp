#include "EmbeddingMapPlot.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace binge::ui {

EmbeddingMapPlot::EmbeddingMapPlot(QWidget* parent) : QCustomPlot(parent) {
  setObjectName("embeddingMap");
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // Axes, grid and markers drawn without antialiasing while panning: a drag replots on every mouse move.
  setNoAntialiasingOnDrag(true);
  xAxis->setLabel("PC 1");
  yAxis->setLabel("PC 2");
  legend->setVisible(false);  // see showLegend()
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(2);  // two columns fit the map's third of the window without cutting names
  legend->setBorderPen(Qt::NoPen);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  legend->setFont(small);
  legend->setRowSpacing(-3);
  setMouseTracking(true);
  connect(this, &QCustomPlot::mouseMove, this, &EmbeddingMapPlot::onMouseMove);
  connect(this, &QCustomPlot::mousePress, this, &EmbeddingMapPlot::onMousePress);
  connect(this, &QCustomPlot::mouseRelease, this, &EmbeddingMapPlot::onMouseRelease);
}

QColor EmbeddingMapPlot::groupColor(int group) const {
  // Golden-ratio hue steps keep neighbouring group numbers (titles of one series) far apart in colour.
  const double hue = std::fmod(0.58 + group * 0.618033988749895, 1.0);
  return QColor::fromHsvF(static_cast<float>(hue), 0.70f, 0.85f, 0.75f);
}

void EmbeddingMapPlot::showLegend(bool show) {
  // Shown, the legend sits in a row under the axes: inside them it hid points (the query's among them).
  // Hidden, it goes back into the axes' inset layout: a hidden or empty legend in the plot's grid still
  // sets that column's width limit and squeezed the axes to a sliver.
  legend->setVisible(show);
  const bool below = plotLayout()->rowCount() > 1 && plotLayout()->element(1, 0) == legend;
  if (show == below) return;
  if (show) {
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(1, 0.001);  // as tall as its entries, no more
  } else {
    plotLayout()->take(legend);
    plotLayout()->simplify();  // the empty row goes, the axes get the height back
    axisRect()->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
  }
}

QPixmap EmbeddingMapPlot::discPixmap(const QColor& colour) {
  // A disc drawn once and blitted per point: QPainter::drawEllipse per point, antialiased, made a
  // 100,000-point replot take ~370 ms on the dev machine; the blit takes ~20 ms and looks the same.
  QPixmap disc(5, 5);
  disc.fill(Qt::transparent);
  QPainter painter(&disc);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(colour);
  painter.drawEllipse(QRectF(0.5, 0.5, 4, 4));
  return disc;
}

void EmbeddingMapPlot::clearPoints() { setPoints({}, {}, {}, {}); }

void EmbeddingMapPlot::setPoints(std::vector<float> x, std::vector<float> y, std::vector<int> group,
                                 const QStringList& groupNames) {
  const size_t n = std::min({x.size(), y.size(), group.size()});
  x.resize(n);
  y.resize(n);
  group.resize(n);
  x_ = std::move(x);
  y_ = std::move(y);
  group_ = std::move(group);
  hovered_ = -1;
  hoverText_.clear();
  clearGraphs();
  groupGraphs_.clear();
  const int groups = static_cast<int>(groupNames.size());
  // Points in x order, so every group's data arrives sorted and QCustomPlot skips its own sort.
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [this](int a, int b) { return x_[static_cast<size_t>(a)] < x_[static_cast<size_t>(b)]; });
  std::vector<QVector<QCPGraphData>> data(static_cast<size_t>(groups));
  for (int i : order) {
    const int g = group_[static_cast<size_t>(i)];
    if (g >= 0 && g < groups) data[static_cast<size_t>(g)].append(QCPGraphData(x_[static_cast<size_t>(i)], y_[static_cast<size_t>(i)]));
  }
  for (int g = 0; g < groups; ++g) {
    QCPGraph* graph = addGraph();
    graph->setName(groupNames[g]);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(discPixmap(groupColor(g))));
    graph->setPen(QPen(groupColor(g)));
    // Hit-testing happens in pointAt(); QCustomPlot's own selection would scan every graph per click.
    graph->setSelectable(QCP::stNone);
    graph->data()->set(data[static_cast<size_t>(g)], /*alreadySorted=*/true);
    groupGraphs_.push_back(graph);
  }
  resultsGraph_ = addGraph();
  resultsGraph_->setName("results");
  resultsGraph_->setLineStyle(QCPGraph::lsNone);
  resultsGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.5), Qt::NoBrush, 10));
  resultsGraph_->setSelectable(QCP::stNone);
  queryGraph_ = addGraph();
  queryGraph_->setName("query");
  queryGraph_->setLineStyle(QCPGraph::lsNone);
  queryGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(QColor(200, 0, 0), 2.5), Qt::NoBrush, 16));
  queryGraph_->setSelectable(QCP::stNone);
  showLegend(groups > 1 && groups <= 12);
  if (n > 0) {
    rescaleAxes();
    // A margin, so points on the edge are not cut in half.
    xAxis->scaleRange(1.08, xAxis->range().center());
    yAxis->scaleRange(1.08, yAxis->range().center());
  }
  replot();
}

void EmbeddingMapPlot::setMarked(int query, const std::vector<int>& results) {
  if (!queryGraph_) return;
  QVector<QCPGraphData> resultData, queryData;
  for (int r : results)
    if (r >= 0 && r < pointCount()) resultData.append(QCPGraphData(x_[static_cast<size_t>(r)], y_[static_cast<size_t>(r)]));
  if (query >= 0 && query < pointCount())
    queryData.append(QCPGraphData(x_[static_cast<size_t>(query)], y_[static_cast<size_t>(query)]));
  resultsGraph_->data()->set(resultData, false);
  queryGraph_->data()->set(queryData, true);
  replot(QCustomPlot::rpQueuedReplot);
}

int EmbeddingMapPlot::pointAt(const QPointF& position, double maxPixels) const {
  if (x_.empty()) return -1;
  const QCPRange xr = xAxis->range(), yr = yAxis->range();
  const QRect rect = axisRect()->rect();
  if (xr.size() <= 0 || yr.size() <= 0 || rect.width() <= 0 || rect.height() <= 0) return -1;
  // Pixels per unit on each (linear) axis: the distance test runs in pixels, as the user sees it.
  const double sx = rect.width() / xr.size(), sy = rect.height() / yr.size();
  const double cx = xAxis->pixelToCoord(position.x()), cy = yAxis->pixelToCoord(position.y());
  double best = maxPixels * maxPixels;
  int bestPoint = -1;
  for (size_t i = 0; i < x_.size(); ++i) {
    const double dx = (x_[i] - cx) * sx, dy = (y_[i] - cy) * sy;
    const double d = dx * dx + dy * dy;
    if (d <= best) {
      best = d;
      bestPoint = static_cast<int>(i);
    }
  }
  return bestPoint;
}

QPointF EmbeddingMapPlot::positionOf(int point) const {
  if (point < 0 || point >= pointCount()) return {};
  return {xAxis->coordToPixel(x_[static_cast<size_t>(point)]), yAxis->coordToPixel(y_[static_cast<size_t>(point)])};
}

void EmbeddingMapPlot::onMouseMove(QMouseEvent* event) {
  if (pressed_ && (event->position() - pressPosition_).manhattanLength() > 3) return;  // panning
  const int point = pointAt(event->position());
  if (point == hovered_) return;
  hovered_ = point;
  if (point < 0) {
    hoverText_.clear();
    QToolTip::hideText();
  } else {
    hoverText_ = labeler_ ? labeler_(point) : QString("point %1").arg(point);
    QToolTip::showText(event->globalPosition().toPoint(), hoverText_, this);
  }
  Q_EMIT pointHovered(point);
}

void EmbeddingMapPlot::onMousePress(QMouseEvent* event) {
  pressed_ = event->button() == Qt::LeftButton;
  pressPosition_ = event->position();
}

void EmbeddingMapPlot::onMouseRelease(QMouseEvent* event) {
  const bool click = pressed_ && event->button() == Qt::LeftButton && (event->position() - pressPosition_).manhattanLength() <= 3;
  pressed_ = false;
  if (!click) return;
  const int point = pointAt(event->position());
  if (point >= 0) Q_EMIT pointClicked(point);
}

}  // namespace binge::ui
