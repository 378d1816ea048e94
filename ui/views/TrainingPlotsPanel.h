#pragma once
// The Training tab's six plots of the run the view follows, refreshed on a timer (never per event):
// loss raw + smoothed (with its smoothing slider and log scale), learning rate, clips/s, data wait vs
// compute, batch hardness, probe accuracy (95 % intervals, the random-init baseline dashed, and a toggle
// to what the nearest neighbours share: ProbePlotLayers). The runs ticked in the runs list are overlaid
// (RunOverlay); with others on the plots, each plot compares one series across runs. Exports the plots
// as PNG or vector PDF and the step series as CSV. Hovering a plot shows the nearest point's value.
#include "GraphFeed.h"

#include <QWidget>

#include <map>
#include <memory>

class QCheckBox;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QSlider;

namespace binge::ui {

class ProbePlotLayers;
class RunFollower;
class RunListModel;
class RunOverlay;

class TrainingPlotsPanel : public QWidget {
  Q_OBJECT
 public:
  TrainingPlotsPanel(RunFollower* follower, RunListModel* runs, QWidget* parent = nullptr);
  ~TrainingPlotsPanel() override;

  // Redraws from the follower's series now (the timer does this when they changed).
  void refresh();
  // The followed run changed: its graphs start over instead of appending.
  void restartSeries();
  int refreshCount() const { return plotRefreshes_; }

  QCustomPlot* lossPlot() const { return lossPlot_; }
  QList<QCustomPlot*> plots() const;
  RunOverlay* overlay() const { return overlay_.get(); }
  // Shown over the plots while the follower reads an opened run's existing events on its worker.
  QLabel* loadingLabel() const { return loading_; }

  bool exportPng(const QString& path) const;
  // The six plots as vector graphics on one PDF page, laid out as on screen.
  bool exportPdf(const QString& path) const;
  // The plotted step series as CSV (step, loss, smoothed loss, lr, clips/s, data wait, compute).
  bool exportSeriesCsv(const QString& path) const;

 Q_SIGNALS:
  void refreshed();

 private:
  void buildPlots();
  QCustomPlot* makePlot(const QString& title, const QString& yLabel);
  void styleForComparison();
  void clearHoverValues() const;

  RunFollower* follower_;
  RunListModel* runs_;
  std::unique_ptr<RunOverlay> overlay_;
  bool comparing_ = false;  // other runs are overlaid: see styleForComparison()
  QCheckBox* neighbours_ = nullptr;               // the probe plot shows neighbour shares instead
  std::unique_ptr<ProbePlotLayers> probeLayers_;  // intervals, random-init lines, neighbour shares
  QCustomPlot* lossPlot_ = nullptr;
  QCustomPlot* lrPlot_ = nullptr;
  QCustomPlot* speedPlot_ = nullptr;
  QCustomPlot* timePlot_ = nullptr;
  QCustomPlot* hardnessPlot_ = nullptr;
  QCustomPlot* probePlot_ = nullptr;
  QSlider* smoothing_ = nullptr;
  QCheckBox* logLoss_ = nullptr;
  QLabel* loading_ = nullptr;
  // One per graph of the run shown in full: a live run's new points are appended, not re-copied.
  std::map<QCPGraph*, GraphFeed> feeds_;
  quint64 plottedRevision_ = ~0ULL;
  int plotRefreshes_ = 0;
};

}  // namespace binge::ui
