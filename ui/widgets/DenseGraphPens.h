#pragma once
// Pen widths that keep 100,000-point graphs cheap to draw. QPainter strokes a pen wider than one pixel
// by building and filling the outline polygon of the whole polyline; for a dense, noisy series (a raw
// loss, clips/s, ms per step: thousands of overlapping zig-zag segments even after QCustomPlot's
// adaptive sampling) that fill took ~250 ms per graph on the dev machine. A 1-pixel pen takes Qt's
// cosmetic stroker instead (a few ms). A series with more points on screen than the plot has pixel
// columns is drawn as a band anyway, so its extra width showed nothing: those get 1 px, the others keep
// the width they were given.
#include <QPen>

class QCPGraph;
class QCustomPlot;

namespace binge::ui {

// Gives `graph` its pen: colour, style and the width it has while sparse.
void setGraphPen(QCPGraph* graph, const QPen& pen);
// The pen given by setGraphPen (or the graph's own), at its full width.
QPen graphPen(const QCPGraph* graph);

// For every graph of `plot`: a 1-px pen while its visible points outnumber the axis rect's pixel
// columns, else its full width.
void fitPenWidthsToDensity(QCustomPlot* plot);

}  // namespace binge::ui
