#include "SamplingView.h"
#include "sampling/BatchShape.h"

#include "ClipPicture.h"
#include "EmptyStatePanel.h"
#include "SamplerForm.h"
#include "sampling/BatchStatistics.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "QCustomPlotInclude.h"

namespace binge::ui {

namespace {
const QColor kUniformColour(90, 140, 210);
const QColor kHierarchicalColour(230, 120, 50);
}  // namespace

SamplingView::SamplingView(QWidget* parent) : QWidget(parent) {
  setObjectName("samplingView");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  stack_ = new QStackedWidget(this);
  outer->addWidget(stack_);
  empty_ = new EmptyStatePanel("Sampling",
                               "Statistics of uniform and hierarchical sampling, side by side: clips "
                               "per title, share of same-title negatives, title coverage.\nOpen or "
                               "import a library first.",
                               stack_);
  stack_->addWidget(empty_);

  auto* page = new QWidget(stack_);
  auto* layout = new QHBoxLayout(page);
  auto* form = new QFormLayout;
  auto spin = [page](const char* name, int lo, int hi, int value) {
    auto* box = new QSpinBox(page);
    box->setObjectName(name);
    box->setRange(lo, hi);
    box->setValue(value);
    return box;
  };
  batches_ = spin("samplingBatches", 1, 100000, 100);
  samplerForm_ = new SamplerForm(SamplerForm::Kind::Hidden, "sampling", page);
  samplerForm_->layout()->insertRow(0, "Batches (N)", batches_);  // one column of labels with the sampler's
  form->addRow(samplerForm_);
  compute_ = new QPushButton("Compare samplers", page);
  compute_->setObjectName("compareSamplers");
  form->addRow(compute_);
  summary_ = new QLabel(page);
  summary_->setObjectName("samplingSummary");
  summary_->setWordWrap(true);
  form->addRow(summary_);
  auto* formBox = new QWidget(page);
  formBox->setLayout(form);
  formBox->setMaximumWidth(280);
  layout->addWidget(formBox, 0, Qt::AlignTop);

  auto* grid = new QGridLayout;
  grid->addWidget(plotBox(ClipsPerTitlePlot, "Clips per title in a batch"), 0, 0);
  grid->addWidget(plotBox(SameTitleSharePlot, "Same-title (hard) negatives"), 0, 1);
  grid->addWidget(plotBox(DistinctTitlesPlot, "Distinct titles per batch"), 0, 2);
  grid->addWidget(plotBox(PositionPlot, "Position of clips within their titles"), 1, 0);
  grid->addWidget(plotBox(CoveragePlot, "Coverage after N batches"), 1, 1);
  layout->addLayout(grid, 1);
  stack_->addWidget(page);

  connect(compute_, &QPushButton::clicked, this, &SamplingView::compute);
}

QWidget* SamplingView::plotBox(Plot which, const QString& title) {
  auto* box = new QWidget(this);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* plot = new QCustomPlot(box);
  plot->setObjectName(QString("samplingPlot%1").arg(which));
  plot->setMinimumSize(260, 200);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(font().family(), 10, QFont::Bold)));
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(font().family(), 8));
  plots_[which] = plot;
  layout->addWidget(plot, 1);
  auto* exportButton = new QPushButton("Export…", box);
  exportButton->setObjectName(QString("exportPlot%1").arg(which));
  connect(exportButton, &QPushButton::clicked, this, [this, which, title] {
    const QString path = QFileDialog::getSaveFileName(this, "Export " + title, title + ".png", "PNG image (*.png);;PDF (*.pdf)");
    if (!path.isEmpty() && !exportPlot(which, path)) summary_->setText("Could not write " + path);
  });
  layout->addWidget(exportButton, 0, Qt::AlignRight);
  return box;
}

void SamplingView::setLibrary(std::shared_ptr<const Library> library) {
  library_ = std::move(library);
  job_.cancel();  // batches of the previous library are not shown
  compute_->setEnabled(true);
  summaries_.clear();
  for (QCustomPlot* plot : plots_) {
    plot->clearPlottables();
    plot->replot();
  }
  summary_->setText(library_ ? "Press “Compare samplers” to draw N batches of each." : QString());
  stack_->setCurrentIndex(library_ ? 1 : 0);
}

SamplingSettings SamplingView::settings() const { return {batches_->value(), samplerForm_->sampler()}; }

void SamplingView::setSettings(const SamplingSettings& s) {
  batches_->setValue(s.batches);
  samplerForm_->setSampler(s.sampler);
}

std::vector<SamplerSummary> SamplingView::compare(const Library& library, const SamplingSettings& settings,
                                                  const ClipSpec& clip) {
  std::vector<SamplerSummary> result;
  const ClipIndex index(library, std::max(clip.videoSeconds(), clip.audioSeconds));
  for (const char* kind : {"uniform", "hierarchical"}) {
    SamplerSummary summary;
    summary.kind = kind;
    try {
      SamplerConfig config = settings.sampler;
      config.kind = kind;
      const auto sampler = makeSampler(index, config);
      SamplingReport report(index);
      for (int b = 0; b < settings.batches; ++b) {
        const auto batch = sampler->nextBatch();
        report.add(batch);
        ++summary.distinctTitles[computeBatchStatistics(index, batch).distinctTitles];
      }
      summary.batches = report.batches();
      summary.meanSameTitleShare = report.meanSameTitleNegativeShare();
      summary.meanDistinctTitles = report.meanDistinctTitles();
      summary.titleCoverage = report.titleCoverage();
      summary.windowCoverage = report.windowCoverage();
      summary.clipsPerTitle = report.clipsPerTitleHistogram();
      summary.positions = report.positionHistogram(10);
      summary.expectedSameTitleShare = expectedSameTitleShare(config);
      for (const std::string& note : sampler->notes()) summary.notes << QString::fromStdString(note);
    } catch (const std::exception& e) {
      summary.error = QString::fromStdString(e.what());
    }
    result.push_back(std::move(summary));
  }
  return result;
}

void SamplingView::compute() {
  if (!library_) return;
  compute_->setEnabled(false);
  summary_->setText("Drawing batches…");
  // At the GUI's priority: the user waits for it, and a pool thread must not be lowered
  // (BackgroundPriority.h).
  job_.run(
      this, nullptr, [library = library_, s = settings(), clip = clip_] { return compare(*library, s, clip); },
      [this](const std::vector<SamplerSummary>& summaries) {
        compute_->setEnabled(true);
        showSummaries(summaries);
      },
      [this](const QString& error) {
        compute_->setEnabled(true);
        summary_->setText("<b>Cannot draw batches:</b> " + error.toHtmlEscaped());
      });
}

namespace {

// Two bar series side by side at integer keys (or ticks with text), one per sampler.
void addBars(QCustomPlot* plot, QCPBarsGroup* group, const QString& name, const QColor& colour,
             const QVector<double>& keys, const QVector<double>& values) {
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setName(name);
  bars->setPen(QPen(colour.darker(130)));
  bars->setBrush(colour);
  bars->setWidth(0.38);
  bars->setBarsGroup(group);
  bars->setData(keys, values, true);
}

void finishPlot(QCustomPlot* plot, const QString& xLabel, const QString& yLabel) {
  plot->xAxis->setLabel(xLabel);
  plot->yAxis->setLabel(yLabel);
  plot->rescaleAxes();
  const QCPRange x = plot->xAxis->range();
  plot->xAxis->setRange(x.lower - 0.7, x.upper + 0.7);
  // Head room above the bars for the legend (top right).
  plot->yAxis->setRange(0, plot->yAxis->range().upper * 1.6 + 1e-9);
  plot->replot();
}

QVector<double> shares(const std::map<int, int>& histogram, QVector<double>& keys) {
  double total = 0;
  for (const auto& [k, n] : histogram) total += n;
  QVector<double> values;
  keys.clear();
  for (const auto& [k, n] : histogram) {
    keys << k;
    values << (total > 0 ? n / total : 0.0);
  }
  return values;
}

}  // namespace

void SamplingView::showSummaries(const std::vector<SamplerSummary>& summaries) {
  summaries_ = summaries;
  for (QCustomPlot* plot : plots_) {
    plot->clearPlottables();
    plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  }
  QString text;
  QCPBarsGroup* groups[PlotCount];
  for (int p = 0; p < PlotCount; ++p) {
    groups[p] = new QCPBarsGroup(plots_[p]);
    groups[p]->setSpacing(1);
  }
  auto textTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  textTicker->addTick(0, "same-title\nshare");
  auto coverageTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  coverageTicker->addTick(0, "titles");
  coverageTicker->addTick(1, "windows");
  auto intTicker = [] {
    auto t = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
    t->setTickStep(1.0);
    t->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return t;
  };
  plots_[ClipsPerTitlePlot]->xAxis->setTicker(intTicker());
  plots_[DistinctTitlesPlot]->xAxis->setTicker(intTicker());
  plots_[SameTitleSharePlot]->xAxis->setTicker(textTicker);
  plots_[CoveragePlot]->xAxis->setTicker(coverageTicker);
  auto positionTicker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  for (int b = 0; b < 10; b += 2) positionTicker->addTick(b, QString("%1%").arg(b * 10));
  plots_[PositionPlot]->xAxis->setTicker(positionTicker);

  for (const SamplerSummary& s : summaries) {
    const QColor colour = s.kind == "uniform" ? kUniformColour : kHierarchicalColour;
    if (!s.error.isEmpty()) {
      text += QString("<b>%1</b>: %2<br>").arg(s.kind, s.error.toHtmlEscaped());
      continue;
    }
    QVector<double> keys;
    QVector<double> values = shares(s.clipsPerTitle, keys);
    addBars(plots_[ClipsPerTitlePlot], groups[ClipsPerTitlePlot], s.kind, colour, keys, values);
    values = shares(s.distinctTitles, keys);
    addBars(plots_[DistinctTitlesPlot], groups[DistinctTitlesPlot], s.kind, colour, keys, values);
    addBars(plots_[SameTitleSharePlot], groups[SameTitleSharePlot], s.kind, colour, {0}, {s.meanSameTitleShare});
    addBars(plots_[CoveragePlot], groups[CoveragePlot], s.kind, colour, {0, 1}, {s.titleCoverage, s.windowCoverage});
    QVector<double> binKeys, binValues;
    double total = 0;
    for (int n : s.positions) total += n;
    for (size_t b = 0; b < s.positions.size(); ++b) {
      binKeys << static_cast<double>(b);
      binValues << (total > 0 ? s.positions[b] / total : 0.0);
    }
    addBars(plots_[PositionPlot], groups[PositionPlot], s.kind, colour, binKeys, binValues);
    text += QString("<b>%1</b> (%2 batches): same-title negatives <b>%3%</b>%4, %5 distinct titles per batch, "
                    "titles covered %6%.<br>")
                .arg(s.kind)
                .arg(s.batches)
                .arg(100 * s.meanSameTitleShare, 0, 'f', 1)
                .arg(s.expectedSameTitleShare >= 0
                         ? QString(" (expected (K−1)/(B−1) = %1%)").arg(100 * s.expectedSameTitleShare, 0, 'f', 1)
                         : QString())
                .arg(s.meanDistinctTitles, 0, 'f', 1)
                .arg(100 * s.titleCoverage, 0, 'f', 0);
    for (const QString& note : s.notes) text += "<i>" + note.toHtmlEscaped() + "</i><br>";
  }
  finishPlot(plots_[ClipsPerTitlePlot], "clips of one title in a batch", "share of titles drawn");
  finishPlot(plots_[SameTitleSharePlot], "", "share of negative pairs");
  finishPlot(plots_[DistinctTitlesPlot], "distinct titles in a batch", "share of batches");
  finishPlot(plots_[PositionPlot], "clip start / title length", "share of clips");
  plots_[PositionPlot]->xAxis->setRange(-0.7, 9.7);
  plots_[PositionPlot]->replot();
  finishPlot(plots_[CoveragePlot], "", "share seen at least once");
  plots_[CoveragePlot]->yAxis->setRange(0, 1.6);
  plots_[CoveragePlot]->replot();
  summary_->setText(text);
  Q_EMIT computed();
}

bool SamplingView::exportPlot(Plot which, const QString& path) {
  QCustomPlot* plot = plots_[which];
  const int w = std::max(480, plot->width()), h = std::max(360, plot->height());
  if (QFileInfo(path).suffix().compare("pdf", Qt::CaseInsensitive) == 0) return plot->savePdf(path, w, h);
  return plot->savePng(path, w, h);
}

}  // namespace binge::ui
