#pragma once
// The other runs on the Training view's plots: every run ticked in the runs list plus the
// pinned baseline, one graph per plot in the run's colour — the baseline dashed — named in the plots'
// legends. They sit on a layer under the run shown in full, which stays on top.
//
// Cheap on the GUI thread: a graph's data changes only when its run's follower has new points (then
// only those are appended, GraphFeed) or the smoothing changes; a finished run of 100,000 points costs
// nothing per refresh after it is first drawn.
#include "GraphFeed.h"
#include "RunMetrics.h"

#include <QColor>
#include <QList>
#include <QString>

#include <array>
#include <vector>

class QCustomPlot;
class QCPGraph;

namespace binge::ui {

class RunFollower;
class RunListModel;

class RunOverlay {
 public:
  // One graph per plot, in this order.
  enum Plot { Loss, LearningRate, Speed, Time, Hardness, Probe, PlotCount };
  using Plots = std::array<QCustomPlot*, PlotCount>;

  RunOverlay(const Plots& plots, const RunListModel* runs);

  // Adds, restyles, feeds and removes graphs to match the model's overlay rows. Returns true when a
  // graph changed (the plots need a replot). smoothing: the loss series' EMA weight, as for the run
  // shown in full.
  bool update(double smoothing);
  // The overlay graph of `runDir` on `plot`; null when that run is not overlaid.
  QCPGraph* graph(const QString& runDir, Plot plot) const;
  int runCount() const { return static_cast<int>(drawn_.size()); }

  static constexpr const char* kLayer = "runOverlay";  // QCustomPlot has its own "overlay" layer on top

 private:
  struct Drawn {
    QString dir;
    QColor colour;
    bool baseline = false;
    QString name;
    std::array<QCPGraph*, PlotCount> graphs{};
    std::array<GraphFeed, PlotCount> feeds;
    // What was fed last: which follower, its run and revision, and the loss smoothing.
    const RunFollower* follower = nullptr;
    quint64 serial = ~0ULL;
    quint64 revision = ~0ULL;
    double smoothing = -1;
  };
  void style(Drawn& drawn);
  void feed(Drawn& drawn, const RunMetrics& metrics, quint64 serial, double smoothing);
  void remove(Drawn& drawn);

  Plots plots_;
  const RunListModel* runs_;
  std::vector<Drawn> drawn_;
};

}  // namespace binge::ui
