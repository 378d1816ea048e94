#include "RunOverlay.h"

#include "DenseGraphPens.h"
#include "QCustomPlotInclude.h"
#include "RunFollower.h"
#include "RunListModel.h"

#include <algorithm>
#include <cmath>

namespace binge::ui {
namespace {

// What an overlaid run shows on each plot: the one series a comparison needs (the run shown in full
// keeps all of its own). Suffixes tell the series apart in legends that also list the full run's.
const char* kSuffix[RunOverlay::PlotCount] = {"", "", "", ": compute", ": same-title neg.", ": video kNN"};

}  // namespace

RunOverlay::RunOverlay(const Plots& plots, const RunListModel* runs) : plots_(plots), runs_(runs) {
  for (QCustomPlot* plot : plots_)
    if (!plot->layer(kLayer)) plot->addLayer(kLayer, plot->layer("main"), QCustomPlot::limBelow);
}

QCPGraph* RunOverlay::graph(const QString& runDir, Plot plot) const {
  for (const Drawn& d : drawn_)
    if (d.dir == runDir) return d.graphs[plot];
  return nullptr;
}

void RunOverlay::style(Drawn& d) {
  for (int p = 0; p < PlotCount; ++p) {
    QPen pen(d.colour, p == Loss ? 1.8 : 1.3);  // 1 px while dense: DenseGraphPens.h
    // The baseline is the reference the others are read against: dashed, whatever its colour.
    if (d.baseline) pen.setStyle(Qt::DashLine);
    setGraphPen(d.graphs[p], pen);
    d.graphs[p]->setName(d.name + kSuffix[p]);
    if (p == Probe) d.graphs[p]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 3));
  }
}

void RunOverlay::feed(Drawn& d, const RunMetrics& m, quint64 serial, double smoothing) {
  const GraphFeed::Source source{serial, m.rewinds, 0};
  const auto& steps = m.steps;
  const auto stepKey = [&steps](std::size_t i) { return static_cast<double>(steps[i].step); };
  // The smoothed value of a point depends only on the points before it, so appending stays exact; a
  // new weight changes every point (the source differs: GraphFeed rebuilds).
  std::vector<double> loss(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) loss[i] = steps[i].loss;
  const std::vector<double> smooth = smoothed(loss, smoothing);
  d.feeds[Loss].update(d.graphs[Loss], steps.size(), stepKey, [&smooth](std::size_t i) { return smooth[i]; },
                       {serial, m.rewinds, smoothing});
  d.feeds[LearningRate].update(d.graphs[LearningRate], steps.size(), stepKey,
                               [&steps](std::size_t i) { return steps[i].lr; }, source);
  d.feeds[Speed].update(d.graphs[Speed], steps.size(), stepKey,
                        [&steps](std::size_t i) { return steps[i].clipsPerSecond; }, source);
  d.feeds[Time].update(d.graphs[Time], steps.size(), stepKey, [&steps](std::size_t i) { return steps[i].computeMs; },
                       source);
  const auto& hardness = m.hardness;
  d.feeds[Hardness].update(
      d.graphs[Hardness], hardness.size(), [&hardness](std::size_t i) { return double(hardness[i].step); },
      [&hardness](std::size_t i) { return hardness[i].sameTitleNegative; }, source);
  const auto& probes = m.probes;
  d.feeds[Probe].update(
      d.graphs[Probe], probes.size(), [&probes](std::size_t i) { return double(probes[i].step); },
      [&probes](std::size_t i) { return 100.0 * probes[i].videoKnn; }, source);
}

void RunOverlay::remove(Drawn& d) {
  for (int p = 0; p < PlotCount; ++p) plots_[p]->removeGraph(d.graphs[p]);
}

bool RunOverlay::update(double smoothing) {
  bool changed = false;
  const QList<int> rows = runs_->overlayRows();
  const QString baseline = runs_->runDir(runs_->baselineRow());

  // Runs no longer overlaid go first.
  for (auto it = drawn_.begin(); it != drawn_.end();) {
    bool keep = false;
    for (int row : rows) keep |= runs_->runDir(row) == it->dir;
    if (keep) {
      ++it;
      continue;
    }
    remove(*it);
    it = drawn_.erase(it);
    changed = true;
  }

  for (int row : rows) {
    const QString dir = runs_->runDir(row);
    auto it = std::find_if(drawn_.begin(), drawn_.end(), [&dir](const Drawn& d) { return d.dir == dir; });
    if (it == drawn_.end()) {
      Drawn d;
      d.dir = dir;
      for (int p = 0; p < PlotCount; ++p) {
        d.graphs[p] = plots_[p]->addGraph();
        d.graphs[p]->setLayer(kLayer);
      }
      drawn_.push_back(d);
      it = drawn_.end() - 1;
    }
    Drawn& d = *it;
    const QColor colour = runs_->colour(row);
    const bool isBaseline = dir == baseline;
    const QString name = runs_->runName(row) + (isBaseline ? QString(" (baseline)") : QString());
    if (d.colour != colour || d.baseline != isBaseline || d.name != name) {
      d.colour = colour;
      d.baseline = isBaseline;
      d.name = name;
      style(d);
      changed = true;
    }

    const RunFollower* follower = runs_->follower(row);
    if (follower != d.follower) {  // the row's follower was replaced: its serials start over
      d.follower = follower;
      for (GraphFeed& f : d.feeds) f.reset();
      d.revision = ~0ULL;
    }
    // Nothing new in this run and the same smoothing: nothing to do (the common case, every tick).
    if (follower->revision() == d.revision && follower->followSerial() == d.serial && smoothing == d.smoothing)
      continue;
    d.revision = follower->revision();
    d.serial = follower->followSerial();
    d.smoothing = smoothing;
    changed = true;
    feed(d, follower->metrics(), follower->followSerial(), smoothing);
  }
  return changed;
}

}  // namespace binge::ui
