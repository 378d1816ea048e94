#pragma once
// Hover values on a QCustomPlot: the point nearest to the mouse, on whichever visible graph
// it lies, is marked by a tracer with its step and value next to it. Cheap with 100,000 points per
// graph: only points within a few pixels of the cursor's step are looked at (binary search into the
// sorted data, plus the neighbours on both sides for sparse series such as probes). The tracer lives on
// its own buffered layer, so hovering repaints that layer and not the graphs underneath.
#include "QCustomPlotInclude.h"  // QPointer<QCPGraph> needs the complete type

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>

namespace binge::ui {

class PlotHoverTracer : public QObject {
  Q_OBJECT
 public:
  // Becomes a child of `plot` and turns on its mouse tracking.
  explicit PlotHoverTracer(QCustomPlot* plot);

  // Shows the point nearest to `pos` (widget pixels) if one is within kMaxDistancePx; else hides.
  // Returns whether a point is shown.
  bool hoverAt(const QPointF& pos);
  void clear();

  bool isShown() const { return graph_ != nullptr; }
  QCPGraph* graph() const { return graph_; }
  double key() const { return key_; }
  double value() const { return value_; }
  QString text() const;  // "smoothed\nstep 1,200: 2.314"

  static constexpr double kMaxDistancePx = 40;
  static constexpr double kWindowPx = 3;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void show();

  QCustomPlot* plot_;
  QCPLayer* layer_;
  QCPItemTracer* tracer_;
  QCPItemText* label_;
  QPointer<QCPGraph> graph_;  // a graph may be removed while hovered (an overlay unticked)
  double key_ = 0;
  double value_ = 0;
};

}  // namespace binge::ui
