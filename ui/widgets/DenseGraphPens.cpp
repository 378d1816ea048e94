#include "DenseGraphPens.h"

#include "QCustomPlotInclude.h"

#include <algorithm>

namespace binge::ui {
namespace {
const char* kFullWidth = "bingeFullPenWidth";
}

void setGraphPen(QCPGraph* graph, const QPen& pen) {
  graph->setProperty(kFullWidth, pen.widthF());
  graph->setPen(pen);
}

QPen graphPen(const QCPGraph* graph) {
  QPen pen = graph->pen();
  const QVariant full = graph->property(kFullWidth);
  if (full.isValid()) pen.setWidthF(full.toDouble());
  return pen;
}

void fitPenWidthsToDensity(QCustomPlot* plot) {
  const int columns = std::max(1, plot->axisRect()->width());
  for (int g = 0; g < plot->graphCount(); ++g) {
    QCPGraph* graph = plot->graph(g);
    if (!graph->property(kFullWidth).isValid()) graph->setProperty(kFullWidth, graph->pen().widthF());
    const double full = graph->property(kFullWidth).toDouble();
    // Points in the visible step range: two binary searches, however long the series.
    const QCPRange range = graph->keyAxis()->range();
    const auto data = graph->data();
    const auto visible = data->findEnd(range.upper) - data->findBegin(range.lower);
    const double width = visible > columns ? std::min(1.0, full) : full;
    QPen pen = graph->pen();
    if (pen.widthF() == width) continue;
    pen.setWidthF(width);
    graph->setPen(pen);
  }
}

}  // namespace binge::ui
