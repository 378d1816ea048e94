#include "TrainingPlotsPanel.h"

#include "DenseGraphPens.h"
#include "PlotHoverTracer.h"
#include "ProbePlotLayers.h"
#include "QCustomPlotInclude.h"
#include "RunFollower.h"
#include "RunListModel.h"
#include "RunOverlay.h"

#include <QCheckBox>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QPageSize>
#include <QPdfWriter>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace binge::ui {
namespace {

constexpr int kPlotRefreshMs = 500;

// Feeds `graph` with (step, scale · field) of `points` through its GraphFeed (only new points are copied).
template <class Point>
void feedSeries(std::map<QCPGraph*, GraphFeed>& feeds, QCPGraph* graph, const std::vector<Point>& points,
                double Point::*field, const GraphFeed::Source& source, double scale = 1.0) {
  feeds[graph].update(
      graph, points.size(), [&points](std::size_t i) { return static_cast<double>(points[i].step); },
      [&points, field, scale](std::size_t i) { return scale * (points[i].*field); }, source);
}

QCPGraph* addGraph(QCustomPlot* plot, const QColor& colour, const QString& name, double width = 1.5) {
  QCPGraph* graph = plot->addGraph();
  graph->setPen(QPen(colour, width));
  graph->setName(name);
  return graph;
}

}  // namespace

TrainingPlotsPanel::TrainingPlotsPanel(RunFollower* follower, RunListModel* runs, QWidget* parent)
    : QWidget(parent), follower_(follower), runs_(runs) {
  buildPlots();
  // The run's existing events are read on a worker; the plots say so meanwhile and redraw once they
  // are in (not half a timer period later).
  connect(follower_, &RunFollower::loadingChanged, this, [this](bool loading) {
    loading_->setVisible(loading);
    if (!loading) refresh();
  });
  overlay_ = std::make_unique<RunOverlay>(
      RunOverlay::Plots{lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}, runs_);
  // A tick, an untick or a new baseline is a user action: drawn at once, not at the next tick.
  connect(runs_, &RunListModel::overlayChanged, this, &TrainingPlotsPanel::refresh);
  auto* timer = new QTimer(this);
  timer->setInterval(kPlotRefreshMs);
  connect(timer, &QTimer::timeout, this, [this] {
    // The overlaid runs are fed here too (only their new points); the full redraw only if needed.
    const bool overlayChanged = overlay_->update(smoothing_->value() / 100.0);
    if (overlayChanged || follower_->revision() != plottedRevision_) refresh();
  });
  timer->start();
}

TrainingPlotsPanel::~TrainingPlotsPanel() = default;

QList<QCustomPlot*> TrainingPlotsPanel::plots() const {
  return {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_};
}

void TrainingPlotsPanel::restartSeries() {
  for (auto& [graph, feed] : feeds_) feed.reset();
}

QCustomPlot* TrainingPlotsPanel::makePlot(const QString& title, const QString& yLabel) {
  auto* plot = new QCustomPlot(this);
  plot->setObjectName(title);
  plot->setMinimumSize(260, 170);
  plot->plotLayout()->insertRow(0);
  auto* heading = new QCPTextElement(plot, title, QFont(font().family(), 9, QFont::Bold));
  plot->plotLayout()->addElement(0, 0, heading);
  plot->xAxis->setLabel("step");
  plot->yAxis->setLabel(yLabel);
  plot->setNoAntialiasingOnDrag(true);
  // Zoom and pan on the step axis. Once the user has zoomed, refreshes stop refitting the step axis
  // (a live plot would otherwise jump back under the mouse); a double click fits it again.
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  connect(plot, &QCustomPlot::mouseWheel, plot, [plot] { plot->setProperty("userRange", true); });
  connect(plot, &QCustomPlot::mousePress, plot, [plot] { plot->setProperty("userRange", true); });
  connect(plot, &QCustomPlot::mouseDoubleClick, this, [this, plot] {
    plot->setProperty("userRange", false);
    refresh();
  });
  new PlotHoverTracer(plot);  // a child of the plot: step and value of the point under the mouse
  return plot;
}

void TrainingPlotsPanel::buildPlots() {
  setObjectName("plotArea");
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setSpacing(4);

  lossPlot_ = makePlot("Loss", "InfoNCE loss (nats)");
  addGraph(lossPlot_, QColor(31, 119, 180, 90), "raw", 1.0);
  addGraph(lossPlot_, QColor(31, 119, 180), "smoothed", 2.0);
  lossPlot_->legend->setVisible(true);
  lrPlot_ = makePlot("Learning rate", "learning rate");
  addGraph(lrPlot_, QColor(44, 160, 44), "lr");
  speedPlot_ = makePlot("Throughput", "clips/s");
  addGraph(speedPlot_, QColor(148, 103, 189), "clips/s");
  timePlot_ = makePlot("Time per step", "ms per step");
  addGraph(timePlot_, QColor(255, 127, 14), "data wait");
  addGraph(timePlot_, QColor(31, 119, 180), "compute");
  timePlot_->legend->setVisible(true);
  hardnessPlot_ = makePlot("Batch hardness", "mean cosine similarity");
  addGraph(hardnessPlot_, QColor(44, 160, 44), "positive");
  addGraph(hardnessPlot_, QColor(214, 39, 40), "same-title negative");
  addGraph(hardnessPlot_, QColor(127, 127, 127), "cross-title negative");
  hardnessPlot_->legend->setVisible(true);
  probePlot_ = makePlot("Probe accuracy", "top-1 accuracy (%)");
  addGraph(probePlot_, QColor(31, 119, 180), "video kNN");
  addGraph(probePlot_, QColor(31, 119, 180, 140), "video linear")->setLineStyle(QCPGraph::lsLine);
  addGraph(probePlot_, QColor(214, 39, 40), "audio kNN");
  addGraph(probePlot_, QColor(214, 39, 40, 140), "audio linear");
  addGraph(probePlot_, QColor(0, 0, 0), "chance", 1.0)->setPen(QPen(Qt::gray, 1, Qt::DashLine));
  probePlot_->legend->setVisible(true);
  for (int i = 0; i < probePlot_->graphCount() - 1; ++i)
    probePlot_->graph(i)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  probeLayers_ = std::make_unique<ProbePlotLayers>(
      probePlot_, QVector<QCPGraph*>{probePlot_->graph(0), probePlot_->graph(1), probePlot_->graph(2), probePlot_->graph(3)},
      probePlot_->graph(4));

  for (QCustomPlot* plot : {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}) {
    QFont small = font();
    small.setPointSize(7);
    plot->legend->setFont(small);
    plot->legend->setRowSpacing(-3);
    // Translucent, so a legend over the data does not hide it.
    plot->legend->setBrush(QColor(255, 255, 255, 170));
    plot->legend->setBorderPen(Qt::NoPen);
  }

  auto* lossBox = new QWidget(this);
  auto* lossLayout = new QVBoxLayout(lossBox);
  lossLayout->setContentsMargins(0, 0, 0, 0);
  lossLayout->addWidget(lossPlot_, 1);
  auto* lossOptions = new QHBoxLayout;
  lossOptions->addWidget(new QLabel("Smoothing", lossBox));
  smoothing_ = new QSlider(Qt::Horizontal, lossBox);
  smoothing_->setObjectName("smoothing");
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  smoothing_->setToolTip("Exponential moving average weight (0 = raw)");
  lossOptions->addWidget(smoothing_, 1);
  logLoss_ = new QCheckBox("log scale", lossBox);
  logLoss_->setObjectName("logLoss");
  lossOptions->addWidget(logLoss_);
  lossLayout->addLayout(lossOptions);
  connect(smoothing_, &QSlider::valueChanged, this, &TrainingPlotsPanel::refresh);
  connect(logLoss_, &QCheckBox::toggled, this, [this](bool on) {
    lossPlot_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on) lossPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else lossPlot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    refresh();
  });

  grid->addWidget(lossBox, 0, 0);
  grid->addWidget(lrPlot_, 0, 1);
  grid->addWidget(speedPlot_, 0, 2);
  grid->addWidget(timePlot_, 1, 0);
  grid->addWidget(hardnessPlot_, 1, 1);
  auto* probeBox = new QWidget(this);
  auto* probeLayout = new QVBoxLayout(probeBox);
  probeLayout->setContentsMargins(0, 0, 0, 0);
  probeLayout->addWidget(probePlot_, 1);
  neighbours_ = new QCheckBox("nearest neighbours: same event vs same show", probeBox);
  neighbours_->setObjectName("probeNeighbours");
  neighbours_->setToolTip("Share of each probe item's 10 nearest neighbours from its event class and from its show. "
                          "Random and identity-bound features find the same show; a model that learned events "
                          "finds the same event.");
  probeLayout->addWidget(neighbours_);
  connect(neighbours_, &QCheckBox::toggled, this, [this](bool on) {
    probeLayers_->setNeighboursMode(on);
    refresh();
  });
  grid->addWidget(probeBox, 1, 2);
  // Equal rows: the loss cell's slider row must not squeeze the bottom plots.
  grid->setRowStretch(0, 1);
  grid->setRowStretch(1, 1);

  // Over the plots, centred on the top row (clear of the loss plot's controls), while an opened run is
  // being read.
  loading_ = new QLabel("Loading run…", this);
  loading_->setObjectName("loadingRun");
  loading_->setStyleSheet("background: rgba(255, 255, 255, 220); border: 1px solid #999; padding: 12px 24px;"
                          "font-size: 14pt;");
  loading_->setVisible(false);
  grid->addWidget(loading_, 0, 0, 1, 3, Qt::AlignCenter);
  loading_->raise();
}

void TrainingPlotsPanel::styleForComparison() {
  // Alone, the run shown in full has all of its series in their own colours. With other runs on the
  // plots, each plot compares one series across runs (the one RunOverlay draws for them): the run shown
  // in full keeps that series, in its blue and under its name, and its other series step aside — the
  // legends would otherwise mix "same-title negative of this run" with other runs' colours.
  const bool comparing = overlay_ && overlay_->runCount() > 0;
  if (comparing == comparing_ && !comparing) return;
  comparing_ = comparing;
  const QString name = QFileInfo(follower_->runDir()).fileName();
  const bool baseline = !follower_->runDir().isEmpty() && runs_->baselineRow() >= 0 &&
                        runs_->baselineRow() == runs_->rowOf(follower_->runDir());
  const QColor blue(31, 119, 180);
  auto show = [comparing](QCPGraph* graph, bool inComparison) { graph->setVisible(!comparing || inComparison); };
  auto style = [](QCPGraph* graph, const QColor& colour, const QString& label) {
    QPen pen = graphPen(graph);
    pen.setColor(colour);
    setGraphPen(graph, pen);
    graph->setName(label);
  };
  style(lossPlot_->graph(0), QColor(31, 119, 180, 90), comparing ? name + " (raw)" : QString("raw"));
  style(lossPlot_->graph(1), blue, comparing ? name + (baseline ? " (baseline)" : "") : QString("smoothed"));
  QPen smoothPen = graphPen(lossPlot_->graph(1));
  smoothPen.setStyle(comparing && baseline ? Qt::DashLine : Qt::SolidLine);
  setGraphPen(lossPlot_->graph(1), smoothPen);
  style(lrPlot_->graph(0), comparing ? blue : QColor(44, 160, 44), comparing ? name : QString("lr"));
  style(speedPlot_->graph(0), comparing ? blue : QColor(148, 103, 189), comparing ? name : QString("clips/s"));
  show(timePlot_->graph(0), false);
  style(timePlot_->graph(1), blue, comparing ? name + ": compute" : QString("compute"));
  show(hardnessPlot_->graph(0), false);
  style(hardnessPlot_->graph(1), comparing ? blue : QColor(214, 39, 40),
        comparing ? name + ": same-title neg." : QString("same-title negative"));
  show(hardnessPlot_->graph(2), false);
  for (int g : {1, 2, 3}) show(probePlot_->graph(g), false);
  probePlot_->graph(0)->setName(comparing ? name + ": video kNN" : QString("video kNN"));
  lrPlot_->legend->setVisible(comparing);
  speedPlot_->legend->setVisible(comparing);
  // Legends list the visible graphs, in graph order (the run in full first, then the others).
  for (QCustomPlot* plot : plots()) {
    plot->legend->clearItems();
    for (int g = 0; g < plot->graphCount(); ++g)
      if (plot->graph(g)->visible()) plot->graph(g)->addToLegend();
  }
}

void TrainingPlotsPanel::refresh() {
  const RunMetrics& m = follower_->metrics();
  plottedRevision_ = follower_->revision();
  ++plotRefreshes_;

  // Only the points added since the last refresh are copied into the graphs (GraphFeed); another run,
  // a resume's rewind or a new smoothing weight redraws a series from scratch.
  const GraphFeed::Source source{follower_->followSerial(), m.rewinds, 0};
  const double weight = smoothing_->value() / 100.0;
  feedSeries(feeds_, lossPlot_->graph(0), m.steps, &StepPoint::loss, source);
  {
    std::vector<double> loss(m.steps.size());
    for (std::size_t i = 0; i < loss.size(); ++i) loss[i] = m.steps[i].loss;
    const std::vector<double> smooth = smoothed(loss, weight);
    const auto& steps = m.steps;
    feeds_[lossPlot_->graph(1)].update(
        lossPlot_->graph(1), steps.size(), [&steps](std::size_t i) { return static_cast<double>(steps[i].step); },
        [&smooth](std::size_t i) { return smooth[i]; }, {source.run, source.rewinds, weight});
  }
  feedSeries(feeds_, lrPlot_->graph(0), m.steps, &StepPoint::lr, source);
  feedSeries(feeds_, speedPlot_->graph(0), m.steps, &StepPoint::clipsPerSecond, source);
  feedSeries(feeds_, timePlot_->graph(0), m.steps, &StepPoint::dataWaitMs, source);
  feedSeries(feeds_, timePlot_->graph(1), m.steps, &StepPoint::computeMs, source);
  feedSeries(feeds_, hardnessPlot_->graph(0), m.hardness, &HardnessPoint::positive, source);
  feedSeries(feeds_, hardnessPlot_->graph(1), m.hardness, &HardnessPoint::sameTitleNegative, source);
  feedSeries(feeds_, hardnessPlot_->graph(2), m.hardness, &HardnessPoint::crossTitleNegative, source);
  feedSeries(feeds_, probePlot_->graph(0), m.probes, &ProbePoint::videoKnn, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(1), m.probes, &ProbePoint::videoLinear, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(2), m.probes, &ProbePoint::audioKnn, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(3), m.probes, &ProbePoint::audioLinear, source, 100.0);
  feedSeries(feeds_, probePlot_->graph(4), m.probes, &ProbePoint::chance, source, 100.0);
  if (overlay_) overlay_->update(weight);
  probeLayers_->update(m.probes, overlay_ && overlay_->runCount() > 0);
  styleForComparison();
  if (m.probes.empty() && !comparing_) probePlot_->graph(0)->setName("video kNN (no probe events)");
  else if (!comparing_) probePlot_->graph(0)->setName("video kNN");

  for (QCustomPlot* plot : {lossPlot_, lrPlot_, speedPlot_, timePlot_, hardnessPlot_, probePlot_}) {
    const QCPRange userSteps = plot->xAxis->range();
    plot->rescaleAxes();
    if (plot->property("userRange").toBool()) plot->xAxis->setRange(userSteps);
    if (plot == lossPlot_ && logLoss_->isChecked()) {
      // A log axis cannot start at 0 or below; losses are positive, keep the range so.
      QCPRange r = plot->yAxis->range();
      if (r.lower <= 0) plot->yAxis->setRangeLower(std::max(1e-3, r.upper / 100));
    }
    // A little headroom so a flat series is not drawn on the frame.
    plot->yAxis->scaleRange(1.1, plot->yAxis->range().center());
    if (plot == probePlot_ && m.probes.empty()) {
      // Nothing to fit: show the accuracy scale over the run's steps rather than an arbitrary box.
      plot->yAxis->setRange(0, 100);
      if (!m.steps.empty()) {
        const double first = static_cast<double>(m.steps.front().step), last = static_cast<double>(m.steps.back().step);
        plot->xAxis->setRange(first, std::max(last, first + 1));
      }
    }
    fitPenWidthsToDensity(plot);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
  Q_EMIT refreshed();
}

void TrainingPlotsPanel::clearHoverValues() const {
  // An export shows the series, not where the mouse happened to be.
  for (QCustomPlot* plot : plots())
    if (auto* tracer = plot->findChild<PlotHoverTracer*>()) tracer->clear();
}

bool TrainingPlotsPanel::exportPng(const QString& path) const {
  clearHoverValues();
  const QPixmap pixmap = const_cast<TrainingPlotsPanel*>(this)->grab();  // grab() only paints
  return !pixmap.isNull() && pixmap.save(path, "PNG");
}

bool TrainingPlotsPanel::exportPdf(const QString& path) const {
  // One page the size of the plot area, 1 point per pixel: every plot drawn where it is on screen, as
  // vectors (QCustomPlot renders itself into any QPainter), so the PDF zooms without blur.
  QPdfWriter writer(path);
  writer.setResolution(72);
  writer.setPageSize(QPageSize(QSizeF(size()), QPageSize::Point, QString(), QPageSize::ExactMatch));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle("Binge training plots: " + QFileInfo(follower_->runDir()).fileName());
  writer.setCreator("Binge");
  clearHoverValues();
  QCPPainter painter;
  if (!painter.begin(&writer)) return false;
  painter.setMode(QCPPainter::pmVectorized);
  for (QCustomPlot* plot : plots()) {
    painter.save();
    painter.translate(plot->mapTo(this, QPoint(0, 0)));
    plot->toPainter(&painter, plot->width(), plot->height());
    painter.restore();
  }
  return painter.end() && QFileInfo(path).size() > 0;
}

bool TrainingPlotsPanel::exportSeriesCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  const auto& points = follower_->metrics().steps;
  std::vector<double> loss;
  for (const auto& p : points) loss.push_back(p.loss);
  const std::vector<double> smooth = smoothed(loss, smoothing_->value() / 100.0);
  QByteArray text = "step,loss,loss_smoothed,lr,clips_per_s,data_wait_ms,compute_ms\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    const StepPoint& p = points[i];
    text += QString("%1,%2,%3,%4,%5,%6,%7\n")
                .arg(p.step)
                .arg(p.loss, 0, 'g', 8)
                .arg(smooth[i], 0, 'g', 8)
                .arg(p.lr, 0, 'g', 8)
                .arg(p.clipsPerSecond, 0, 'g', 6)
                .arg(p.dataWaitMs, 0, 'g', 6)
                .arg(p.computeMs, 0, 'g', 6)
                .toUtf8();
  }
  return file.write(text) == text.size();
}

}  // namespace binge::ui
