#pragma once
// What the Training tab's probe plot adds to its four accuracy series: each probe point's
// 95 % interval as an error bar, the random-init baseline of the same preset and seed as one dashed
// line per modality, and a second face of the same plot — what each item's 10 nearest neighbours share
// (its event class, its show), each beside its chance level — shown instead of the accuracies when
// neighbours mode is on. The plot's first four graphs are video kNN, video linear, audio kNN and audio
// linear (TrainingView); the graphs made here come after the chance line and before any overlay.
#include "RunMetrics.h"

#include <QVector>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPErrorBars;

namespace binge::ui {

class ProbePlotLayers {
 public:
  // `accuracy` are the plot's four accuracy graphs; `chance` its chance line.
  ProbePlotLayers(QCustomPlot* plot, const QVector<QCPGraph*>& accuracy, QCPGraph* chance);

  void setNeighboursMode(bool on);
  bool neighboursMode() const { return neighbours_; }
  // Redraws intervals, baselines and neighbour shares from `probes` (all points of the shown run);
  // `comparing` hides all of them while other runs share the plot.
  void update(const std::vector<ProbePoint>& probes, bool comparing);
  // The graphs this object owns (for tests and legends).
  QCPGraph* videoBaseline() const { return videoBaseline_; }
  QCPGraph* audioBaseline() const { return audioBaseline_; }
  const QVector<QCPGraph*>& neighbourGraphs() const { return neighbourGraphs_; }
  const QVector<QCPErrorBars*>& errorBars() const { return errorBars_; }

 private:
  QCustomPlot* plot_;
  QVector<QCPGraph*> accuracy_;
  QCPGraph* chance_;
  QVector<QCPErrorBars*> errorBars_;
  QCPGraph* videoBaseline_;
  QCPGraph* audioBaseline_;
  QVector<QCPGraph*> neighbourGraphs_;  // video same event, video same show, audio same event,
                                        // audio same show, chance same event, chance same show
  bool neighbours_ = false;
};

}  // namespace binge::ui
