#pragma once
// The Sampling tab: uniform and hierarchical sampling side by side over N drawn batches — clips per
// title per batch, share of same-title negatives, distinct titles per batch, position of clips within
// their titles, and title coverage — as QCustomPlot bar charts, each exportable as PNG or PDF. The
// batches are drawn on a worker thread; the plots get plain numbers back.
#include "OffThreadJob.h"
#include "library/Library.h"
#include "sampling/Sampler.h"
#include "train/TrainConfig.h"

#include <QStringList>
#include <QWidget>

#include <map>
#include <memory>
#include <vector>

class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace binge::ui {

class EmptyStatePanel;
class SamplerForm;

// What N batches of one sampler hold (plain numbers, built on the worker).
struct SamplerSummary {
  QString kind;
  int batches = 0;
  double meanSameTitleShare = 0.0;
  double expectedSameTitleShare = -1.0;     // (K−1)/(B−1) for hierarchical, else -1
  double meanDistinctTitles = 0.0;
  double titleCoverage = 0.0;
  double windowCoverage = 0.0;
  std::map<int, int> clipsPerTitle;         // clips of one title in a batch → how often
  std::map<int, int> distinctTitles;        // distinct titles in a batch → how many batches
  std::vector<int> positions;               // clips per tenth of their title's length
  QStringList notes;
  QString error;
};

// N batches of each sampler kind, all with the sampler settings of `sampler` but its kind.
struct SamplingSettings {
  int batches = 100;
  SamplerConfig sampler;
};

class SamplingView : public QWidget {
  Q_OBJECT
 public:
  enum Plot { ClipsPerTitlePlot, SameTitleSharePlot, DistinctTitlesPlot, PositionPlot, CoveragePlot, PlotCount };
  explicit SamplingView(QWidget* parent = nullptr);

  void setLibrary(std::shared_ptr<const Library> library);
  // The clip the model sees (the chosen preset's): the length of the windows the samplers draw.
  void setClipSpec(const ClipSpec& clip) { clip_ = clip; }
  const ClipSpec& clipSpec() const { return clip_; }
  SamplingSettings settings() const;
  void setSettings(const SamplingSettings& settings);
  void compute();  // on a worker; computed() when the plots show the result

  // Uniform, then hierarchical (what the worker computes).
  static std::vector<SamplerSummary> compare(const Library& library, const SamplingSettings& settings,
                                             const ClipSpec& clip);
  const std::vector<SamplerSummary>& summaries() const { return summaries_; }

  QCustomPlot* plot(Plot which) const { return plots_[which]; }
  // PNG or PDF by the file's extension; false when it could not be written.
  bool exportPlot(Plot which, const QString& path);

 Q_SIGNALS:
  void computed();

 private:
  void showSummaries(const std::vector<SamplerSummary>& summaries);
  QWidget* plotBox(Plot which, const QString& title);

  std::shared_ptr<const Library> library_;
  ClipSpec clip_ = presetOrDefaults("tiny").data.clip;
  QStackedWidget* stack_;
  EmptyStatePanel* empty_;
  QSpinBox* batches_;
  SamplerForm* samplerForm_;
  QPushButton* compute_;
  QLabel* summary_;
  QCustomPlot* plots_[PlotCount] = {};
  std::vector<SamplerSummary> summaries_;
  OffThreadJob job_;
};

}  // namespace binge::ui
