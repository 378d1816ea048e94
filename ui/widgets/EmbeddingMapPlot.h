#pragma once
// The embedding map: a scatter of 2-D points (the PCA of every indexed clip window), one QCPGraph per
// colour group (a title or a series), no per-point items, and each point a blitted pixmap disc, so
// 100,000 points replot in a few tens of milliseconds. Hovering shows the nearest
// point's label, a click (a press and release without a drag) selects it; drag pans, wheel zooms. The
// query and its results are drawn over the groups as two extra graphs.
#include "QCustomPlotInclude.h"

#include <functional>
#include <vector>

namespace binge::ui {

class EmbeddingMapPlot : public QCustomPlot {
  Q_OBJECT
 public:
  explicit EmbeddingMapPlot(QWidget* parent = nullptr);

  // group[i] in [0, groupNames.size()): its colour and graph. A legend under the axes names up to 12
  // groups (more would be a wall of text: hover names a point instead).
  void setPoints(std::vector<float> x, std::vector<float> y, std::vector<int> group, const QStringList& groupNames);
  void clearPoints();
  // Text for the hover tooltip of a point (title and time); default "point i".
  void setLabeler(std::function<QString(int point)> labeler) { labeler_ = std::move(labeler); }
  // The query (ringed) and its results (outlined); -1 / empty to clear.
  void setMarked(int query, const std::vector<int>& results);

  int pointCount() const { return static_cast<int>(x_.size()); }
  int groupCount() const { return static_cast<int>(groupGraphs_.size()); }
  QCPGraph* groupGraph(int group) const { return groupGraphs_.at(static_cast<size_t>(group)); }
  QColor groupColor(int group) const;
  // The point nearest to a widget position within maxPixels, or -1. A linear scan: 100,000 points cost
  // well under a millisecond, less than keeping a spatial index in step with pan and zoom.
  int pointAt(const QPointF& position, double maxPixels = 8.0) const;
  QPointF positionOf(int point) const;  // widget coordinates
  int hoveredPoint() const { return hovered_; }
  QString hoverText() const { return hoverText_; }
  // Wall time of the last full replot (QCustomPlot's own measure), ms.
  double lastReplotMs() const { return replotTime(false); }

 Q_SIGNALS:
  void pointHovered(int point);  // -1 when the pointer leaves all points
  void pointClicked(int point);

 private:
  static QPixmap discPixmap(const QColor& colour);
  void showLegend(bool show);
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  void onMouseRelease(QMouseEvent* event);

  std::vector<float> x_, y_;
  std::vector<int> group_;
  std::vector<QCPGraph*> groupGraphs_;
  QCPGraph* resultsGraph_ = nullptr;
  QCPGraph* queryGraph_ = nullptr;
  std::function<QString(int)> labeler_;
  QPointF pressPosition_;
  bool pressed_ = false;
  int hovered_ = -1;
  QString hoverText_;
};

}  // namespace binge::ui
