#include "ProbePlotLayers.h"

#include "QCustomPlotInclude.h"

#include <cmath>

namespace binge::ui {
namespace {

const QColor kVideo(31, 119, 180);
const QColor kAudio(214, 39, 40);

QCPGraph* makeGraph(QCustomPlot* plot, const QPen& pen, const QString& name) {
  QCPGraph* g = plot->addGraph();
  g->setPen(pen);
  g->setName(name);
  return g;
}

// A horizontal line at `value` (a share in [0, 1], drawn in %) over [first, last]; empty if unknown.
void setLevel(QCPGraph* graph, double value, double first, double last) {
  if (!std::isfinite(value)) {
    graph->data()->clear();
    return;
  }
  graph->setData(QVector<double>{first, last}, QVector<double>{100 * value, 100 * value}, true);
}

}  // namespace

ProbePlotLayers::ProbePlotLayers(QCustomPlot* plot, const QVector<QCPGraph*>& accuracy, QCPGraph* chance)
    : plot_(plot), accuracy_(accuracy), chance_(chance) {
  for (QCPGraph* g : accuracy_) {
    auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
    bars->setDataPlottable(g);
    QPen pen = g->pen();
    pen.setWidthF(1.0);
    bars->setPen(pen);
    bars->setWhiskerWidth(5);
    bars->removeFromLegend();
    errorBars_.push_back(bars);
  }
  videoBaseline_ = makeGraph(plot_, QPen(kVideo, 1.5, Qt::DashLine), "video random init (linear)");
  audioBaseline_ = makeGraph(plot_, QPen(kAudio, 1.5, Qt::DashLine), "audio random init (linear)");
  neighbourGraphs_ = {makeGraph(plot_, QPen(kVideo, 2.0), "video: same event"),
                      makeGraph(plot_, QPen(kVideo, 1.5, Qt::DotLine), "video: same show"),
                      makeGraph(plot_, QPen(kAudio, 2.0), "audio: same event"),
                      makeGraph(plot_, QPen(kAudio, 1.5, Qt::DotLine), "audio: same show"),
                      makeGraph(plot_, QPen(Qt::gray, 1, Qt::DashLine), "chance: same event"),
                      makeGraph(plot_, QPen(Qt::gray, 1, Qt::DotLine), "chance: same show")};
  for (int i = 0; i < 4; ++i) neighbourGraphs_[i]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  setNeighboursMode(false);
}

void ProbePlotLayers::setNeighboursMode(bool on) {
  neighbours_ = on;
  plot_->yAxis->setLabel(on ? "share of 10 nearest neighbours (%)" : "top-1 accuracy (%)");
}

void ProbePlotLayers::update(const std::vector<ProbePoint>& probes, bool comparing) {
  QVector<double> minus[4], plus[4];
  QVector<double> steps, shares[6];
  for (const ProbePoint& p : probes) {
    const double values[4][3] = {{p.videoKnn, p.videoKnnLow, p.videoKnnHigh},
                                 {p.videoLinear, p.videoLinearLow, p.videoLinearHigh},
                                 {p.audioKnn, p.audioKnnLow, p.audioKnnHigh},
                                 {p.audioLinear, p.audioLinearLow, p.audioLinearHigh}};
    for (int i = 0; i < 4; ++i) {
      const bool known = std::isfinite(values[i][1]) && std::isfinite(values[i][2]);
      minus[i].push_back(known ? 100 * (values[i][0] - values[i][1]) : 0.0);
      plus[i].push_back(known ? 100 * (values[i][2] - values[i][0]) : 0.0);
    }
    steps.push_back(static_cast<double>(p.step));
    const double s[6] = {p.videoSameClass, p.videoSameShow, p.audioSameClass, p.audioSameShow,
                         p.sameClassChance, p.sameShowChance};
    for (int i = 0; i < 6; ++i) shares[i].push_back(100 * s[i]);
  }
  for (int i = 0; i < errorBars_.size(); ++i) errorBars_[i]->setData(minus[i], plus[i]);
  for (int i = 0; i < neighbourGraphs_.size(); ++i) neighbourGraphs_[i]->setData(steps, shares[i], true);

  const double first = 0.0;  // the baseline is the step-0 model: drawn from step 0
  const double last = probes.empty() ? 0.0 : static_cast<double>(probes.back().step);
  setLevel(videoBaseline_, probes.empty() ? NAN : probes.back().baseVideoLinear, first, last);
  setLevel(audioBaseline_, probes.empty() ? NAN : probes.back().baseAudioLinear, first, last);

  const bool accuracy = !neighbours_ && !comparing;
  for (QCPErrorBars* bars : errorBars_) bars->setVisible(accuracy);
  // Drawn (and listed in the legend) only once a probe event has brought the baseline.
  videoBaseline_->setVisible(accuracy && !videoBaseline_->data()->isEmpty());
  audioBaseline_->setVisible(accuracy && !audioBaseline_->data()->isEmpty());
  for (QCPGraph* g : neighbourGraphs_) g->setVisible(neighbours_ && !comparing);
  if (!comparing) {
    for (QCPGraph* g : accuracy_) g->setVisible(!neighbours_);
    chance_->setVisible(!neighbours_);
    // The legend lists what is drawn (with other runs on the plot, TrainingView builds it instead).
    plot_->legend->clearItems();
    for (int g = 0; g < plot_->graphCount(); ++g)
      if (plot_->graph(g)->visible()) plot_->graph(g)->addToLegend();
  }
}

}  // namespace binge::ui
