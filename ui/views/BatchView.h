#pragma once
// The Batches tab: pick a sampler and its parameters, draw a batch, and see it as rows — each clip's
// frames strip and spectrogram, grouped and coloured by title. Selecting a clip marks its positive
// (its own audio) and splits the other clips into same-title (hard) and cross-title (easy)
// negatives; the counts are the per-clip terms of computeBatchStatistics' same-title share.
// With a run's checkpoint loaded, the batch's B×B video–audio similarity (as the loss sees it) is
// shown as a heatmap with the title blocks outlined, each row's similarity to the selected clip next
// to the positive's, and a clicked cell's two clips side by side.
// The sampler runs on a worker thread, clips load on the view's own loader thread, the checkpoint
// loads and the similarities are computed on pool threads; stale results are dropped.
#include "ClipPicture.h"
#include "OffThreadJob.h"
#include "eval/ClipSimilarityService.h"
#include "data/DataConfig.h"
#include "library/Library.h"
#include "sampling/BatchStatistics.h"
#include "sampling/Sampler.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace binge::ui {

class ClipLoadService;
class EmptyStatePanel;
class SamplerForm;
class SimilarityHeatmap;

// One drawn batch, built on the worker: windows in the sampler's order and their statistics.
struct BatchDraw {
  std::vector<ClipWindow> windows;
  std::vector<int> titleIndex;        // into Library::titles, per window
  BatchStatistics statistics;
  std::vector<std::string> notes;
  QString error;                      // the sampler refused the parameters
};

class BatchView : public QWidget {
  Q_OBJECT
 public:
  enum Column {
    ClipColumn,
    TitleColumn,
    TimeColumn,
    RoleColumn,  // before the wide pictures, so that it shows at any window width
    FramesColumn,
    SpectrogramColumn,
    SimilarityColumn,
    ColumnCount
  };
  explicit BatchView(QWidget* parent = nullptr);
  ~BatchView() override;

  void setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath);
  // The clip the model sees (the chosen preset's): the windows the sampler draws and the clips shown.
  void setClipData(const DataConfig& data);
  const ClipSpec& clipSpec() const;
  SamplerConfig samplerConfig() const;
  void setSamplerConfig(const SamplerConfig& config);
  // Draws the next batch of the configured sampler (the first after a parameter change).
  void drawBatch();
  // The same draw as the view's worker does: `drawNumber` batches of a fresh sampler, the last kept.
  static BatchDraw drawWithSampler(const Library& library, const SamplerConfig& config, int drawNumber,
                                   const ClipSpec& clip);

  const BatchDraw& batch() const { return draw_; }
  int clipCount() const { return static_cast<int>(rowOrder_.size()); }
  int batchIndexOfRow(int row) const { return rowOrder_.at(static_cast<size_t>(row)); }
  int groupCount() const { return groups_; }
  int groupOfRow(int row) const;
  int clipsLoaded() const { return loaded_; }

  void selectClip(int row);           // -1: none
  int selectedRow() const { return selected_; }
  int hardNegativeCount() const { return hard_; }
  int easyNegativeCount() const { return easy_; }
  QString roleOfRow(int row) const;   // "anchor", "hard negative", "easy negative" or empty
  QTableWidget* table() const { return table_; }

  // Loads the newest checkpoint of a run (on a worker) for the similarity heatmap; a drawn batch
  // gets its similarities right away. Emits similarityModelChanged, or similarityFailed with the reason.
  void openSimilarityRun(const QString& runDir);
  bool hasSimilarityModel() const { return similarity_ != nullptr; }
  bool hasSimilarities() const { return matrix_.size > 0 && matrix_.size == clipCount(); }
  // cos(video of the clip in `videoRow`, audio of the clip in `audioRow`), rows as displayed.
  float similarity(int videoRow, int audioRow) const;
  SimilarityHeatmap* heatmap() const { return heatmap_; }
  // Shows the two clips of a heatmap cell side by side (also what a click on the cell does).
  void showPair(int videoRow, int audioRow);
  QString pairCaption() const;

 Q_SIGNALS:
  void batchDrawn();                  // rows are on screen (clips still loading)
  void allClipsLoaded();
  void similarityModelChanged();
  void similarityFailed(const QString& reason);
  void similaritiesReady();           // the heatmap shows the current batch

 private:
  QWidget* buildSimilarityPanel(QWidget* parent);
  void chooseSimilarityRun();
  void computeSimilarities();
  void showSimilarities(const SimilarityMatrix& matrix, const QString& error);
  void showBatch(const BatchDraw& draw);
  void showClip(const ClipPicture& picture);
  void updateRoles();
  void parametersChanged();

  std::shared_ptr<const Library> library_;
  QString libraryPath_;
  QStackedWidget* stack_;
  EmptyStatePanel* empty_;
  SamplerForm* samplerForm_;
  QPushButton* draw_button_;
  QLabel* summary_;
  QLabel* selection_;
  QTableWidget* table_;
  ClipLoadService* loader_;
  QPushButton* similarityRunButton_;
  QLabel* similarityStatus_;
  SimilarityHeatmap* heatmap_;
  QLabel* pairCaption_;
  QLabel* pairFrames_[2];
  QLabel* pairSpectrogram_[2];
  std::shared_ptr<const ClipSimilarityService> similarity_;
  QString similarityModelText_;       // which run and step the heatmap shows
  SimilarityMatrix matrix_;           // in display (row) order
  OffThreadJob modelJob_;       // loading a run's model for the heatmap
  OffThreadJob similarityJob_;  // the heatmap's similarities of the drawn batch
  BatchDraw draw_;
  std::vector<int> rowOrder_;         // row → index in the batch
  std::vector<int> rowGroup_;         // row → title group
  int groups_ = 0;
  int drawNumber_ = 0;
  OffThreadJob drawJob_;
  quint64 clipSerial_ = 0;
  int loaded_ = 0;
  int selected_ = -1;
  int hard_ = 0;
  int easy_ = 0;
};

}  // namespace binge::ui
