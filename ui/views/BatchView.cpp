#include "BatchView.h"

#include "ClipLoadService.h"
#include "EmptyStatePanel.h"
#include "SamplerForm.h"
#include "SimilarityHeatmap.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace binge::ui {

namespace {
constexpr int kRowHeight = 52;
constexpr int kImageHeight = ClipPicture::kThumbHeight;

QColor groupColor(int group, int groups) {
  // Evenly spaced hues, light enough for black text.
  return QColor::fromHsv((group * 360 / std::max(1, groups) + 200) % 360, 70, 250);
}

double mean(double sum, int count) { return count > 0 ? sum / count : 0.0; }
}  // namespace

BatchView::BatchView(QWidget* parent) : QWidget(parent), loader_(new ClipLoadService(this)) {
  setObjectName("batchView");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  stack_ = new QStackedWidget(this);
  outer->addWidget(stack_);
  empty_ = new EmptyStatePanel("Batches",
                               "A batch drawn by a sampler will appear here: each clip's frames and "
                               "spectrogram, grouped by title, with its hard (same-title) and easy "
                               "(cross-title) negatives.\nOpen or import a library first.",
                               stack_);
  stack_->addWidget(empty_);

  auto* page = new QWidget(stack_);
  auto* layout = new QHBoxLayout(page);
  auto* form = new QFormLayout;
  samplerForm_ = new SamplerForm(SamplerForm::Kind::Editable, "", page);
  SamplerConfig start;
  start.batchSize = 16;  // 16 rows fit the tab without scrolling
  samplerForm_->setSampler(start);
  form->addRow(samplerForm_);
  draw_button_ = new QPushButton("Draw batch", page);
  draw_button_->setObjectName("drawBatch");
  form->addRow(draw_button_);
  summary_ = new QLabel(page);
  summary_->setObjectName("batchSummary");
  summary_->setWordWrap(true);
  summary_->setMinimumWidth(240);
  summary_->setMaximumWidth(300);
  form->addRow(summary_);
  selection_ = new QLabel("Select a clip to see its positive and its hard and easy negatives.", page);
  selection_->setObjectName("batchSelection");
  selection_->setWordWrap(true);
  selection_->setMaximumWidth(300);
  form->addRow(selection_);
  auto* formBox = new QWidget(page);
  formBox->setLayout(form);
  formBox->setMaximumWidth(320);
  layout->addWidget(formBox, 0, Qt::AlignTop);

  table_ = new QTableWidget(0, ColumnCount, page);
  table_->setObjectName("batchTable");
  table_->setHorizontalHeaderLabels(
      {"Clip", "Title", "Time", "Role for the selected clip", "Frames (8 at 8 fps)", "Log-mel", "Similarity"});
  table_->horizontalHeaderItem(SimilarityColumn)
      ->setToolTip("Cosine of the selected clip's video embedding with this clip's audio embedding (needs a run)");
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(kRowHeight);
  table_->setIconSize(QSize(8 * kImageHeight * 4 / 3, kImageHeight));
  table_->horizontalHeader()->setStretchLastSection(true);
  const int widths[] = {50, 170, 60, 190, 8 * kImageHeight * 4 / 3 + 12, 90};
  for (int c = 0; c < SimilarityColumn; ++c) table_->setColumnWidth(c, widths[c]);
  auto* split = new QSplitter(Qt::Vertical, page);
  split->addWidget(table_);
  split->addWidget(buildSimilarityPanel(split));
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);
  stack_->addWidget(page);

  connect(draw_button_, &QPushButton::clicked, this, &BatchView::drawBatch);
  connect(samplerForm_, &SamplerForm::changed, this, &BatchView::parametersChanged);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = table_->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : rows.first().row();
    if (row != selected_) selectClip(row);
  });
  connect(loader_, &ClipLoadService::loaded, this, &BatchView::showClip);
}

BatchView::~BatchView() = default;

QWidget* BatchView::buildSimilarityPanel(QWidget* parent) {
  auto* panel = new QWidget(parent);
  panel->setObjectName("similarityPanel");
  auto* layout = new QHBoxLayout(panel);
  layout->setContentsMargins(0, 4, 0, 0);
  heatmap_ = new SimilarityHeatmap(panel);
  heatmap_->setMinimumWidth(340);
  layout->addWidget(heatmap_, 0);
  auto* side = new QVBoxLayout;
  auto* top = new QHBoxLayout;
  similarityRunButton_ = new QPushButton("Load run…", panel);
  similarityRunButton_->setObjectName("similarityRun");
  similarityRunButton_->setToolTip("Use the newest checkpoint of a run directory for the similarity heatmap (Ctrl+Shift+R)");
  similarityRunButton_->setShortcut(QKeySequence("Ctrl+Shift+R"));
  top->addWidget(similarityRunButton_, 0);
  similarityStatus_ = new QLabel(
      "No model: load a run to see how similar its checkpoint finds every video–audio pair of the batch.", panel);
  similarityStatus_->setObjectName("similarityStatus");
  similarityStatus_->setWordWrap(true);
  top->addWidget(similarityStatus_, 1);
  side->addLayout(top);
  pairCaption_ = new QLabel("Click a heatmap cell to see its two clips side by side.", panel);
  pairCaption_->setObjectName("pairCaption");
  pairCaption_->setWordWrap(true);
  pairCaption_->setTextFormat(Qt::RichText);
  side->addWidget(pairCaption_);
  for (int k = 0; k < 2; ++k) {
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(k == 0 ? "video:" : "audio:", panel));
    pairFrames_[k] = new QLabel(panel);
    pairSpectrogram_[k] = new QLabel(panel);
    row->addWidget(pairFrames_[k]);
    row->addWidget(pairSpectrogram_[k]);
    row->addStretch(1);
    side->addLayout(row);
  }
  side->addStretch(1);
  layout->addLayout(side, 1);
  connect(similarityRunButton_, &QPushButton::clicked, this, &BatchView::chooseSimilarityRun);
  connect(heatmap_, &SimilarityHeatmap::cellClicked, this, &BatchView::showPair);
  return panel;
}

void BatchView::chooseSimilarityRun() {
  const QString start = similarity_ ? QString::fromStdString(similarity_->runDir()) : QDir::homePath();
  const QString dir = QFileDialog::getExistingDirectory(this, "Run directory with checkpoints", start);
  if (!dir.isEmpty()) openSimilarityRun(dir);
}

void BatchView::openSimilarityRun(const QString& runDir) {
  similarityJob_.cancel();  // similarities of the previous model are not wanted any more
  similarityStatus_->setText("Loading the newest checkpoint of " + runDir.toHtmlEscaped() + "…");
  similarityRunButton_->setEnabled(false);
  modelJob_.run(
      this, nullptr,
      [dir = runDir.toStdString()] {
        auto service = std::make_shared<ClipSimilarityService>();
        service->open(dir);
        return std::shared_ptr<const ClipSimilarityService>(std::move(service));
      },
      [this, runDir](std::shared_ptr<const ClipSimilarityService> service) {
        similarityRunButton_->setEnabled(true);
        similarity_ = std::move(service);
        similarityModelText_ = QString("Model: <b>%1</b>, step %2 (τ = %3). Rows: video; columns: audio; "
                                       "white squares: title blocks.")
                                   .arg(QFileInfo(runDir).fileName().toHtmlEscaped())
                                   .arg(similarity_->step())
                                   .arg(similarity_->temperature());
        similarityStatus_->setText(similarityModelText_);
        Q_EMIT similarityModelChanged();
        computeSimilarities();
      },
      [this](const QString& error) {
        similarityRunButton_->setEnabled(true);
        similarityStatus_->setText("<b>Cannot use this run:</b> " + error.toHtmlEscaped());
        Q_EMIT similarityFailed(error);
      });
}

void BatchView::computeSimilarities() {
  if (!similarity_ || !library_ || rowOrder_.empty()) return;
  std::vector<SimilarityClip> clips;
  for (const int i : rowOrder_)
    clips.push_back({draw_.titleIndex[static_cast<size_t>(i)], draw_.windows[static_cast<size_t>(i)].start});
  similarityStatus_->setText(similarityModelText_ + " Computing similarities…");
  similarityJob_.run(
      this, nullptr,
      [service = similarity_, library = library_, path = libraryPath_.toStdString(), clips = std::move(clips)] {
        return service->videoAudioSimilarity(*library, path, clips);
      },
      [this](const SimilarityMatrix& matrix) { showSimilarities(matrix, QString()); },
      [this](const QString& error) { showSimilarities(SimilarityMatrix{}, error); });
}

void BatchView::showSimilarities(const SimilarityMatrix& matrix, const QString& error) {
  if (!error.isEmpty()) {
    similarityStatus_->setText(similarityModelText_ + "<br><b>Cannot compute similarities:</b> " + error.toHtmlEscaped());
    Q_EMIT similarityFailed(error);
    return;
  }
  matrix_ = matrix;
  heatmap_->setMatrix(matrix_.values, matrix_.size, rowGroup_);
  similarityStatus_->setText(similarityModelText_ + QString(" Computed in %1 s.").arg(matrix_.seconds, 0, 'f', 2));
  updateRoles();
  Q_EMIT similaritiesReady();
}

float BatchView::similarity(int videoRow, int audioRow) const {
  if (!hasSimilarities() || videoRow < 0 || audioRow < 0 || videoRow >= clipCount() || audioRow >= clipCount()) return 0.0f;
  return matrix_.at(videoRow, audioRow);
}

void BatchView::showPair(int videoRow, int audioRow) {
  if (!hasSimilarities() || videoRow < 0 || audioRow < 0 || videoRow >= clipCount() || audioRow >= clipCount()) return;
  heatmap_->setSelectedCell(videoRow, audioRow);
  const int rows[2] = {videoRow, audioRow};
  QStringList names;
  for (int k = 0; k < 2; ++k) {
    const int row = rows[k];
    const int i = rowOrder_[static_cast<size_t>(row)];
    const Title& title = library_->titles[static_cast<size_t>(draw_.titleIndex[static_cast<size_t>(i)])];
    names << QString("#%1 %2 at %3 s")
                 .arg(i + 1)
                 .arg(QString::fromStdString(title.name).toHtmlEscaped())
                 .arg(draw_.windows[static_cast<size_t>(i)].start, 0, 'f', 1);
    pairFrames_[k]->setPixmap(table_->item(row, FramesColumn)->data(Qt::DecorationRole).value<QPixmap>());
    pairSpectrogram_[k]->setPixmap(table_->item(row, SpectrogramColumn)->data(Qt::DecorationRole).value<QPixmap>());
  }
  const QString kind = videoRow == audioRow ? "positive (the clip's own audio)"
                       : rowGroup_[static_cast<size_t>(videoRow)] == rowGroup_[static_cast<size_t>(audioRow)]
                           ? "hard negative (same title)"
                           : "easy negative (other title)";
  pairCaption_->setText(QString("Video of <b>%1</b> · audio of <b>%2</b>: cosine <b>%3</b> — %4.")
                            .arg(names[0], names[1])
                            .arg(similarity(videoRow, audioRow), 0, 'f', 3)
                            .arg(kind));
}

QString BatchView::pairCaption() const { return pairCaption_->text(); }

void BatchView::setLibrary(std::shared_ptr<const Library> library, const QString& libraryPath) {
  library_ = library;
  libraryPath_ = libraryPath;
  loader_->setLibrary(library, libraryPath);
  drawJob_.cancel();
  similarityJob_.cancel();
  drawNumber_ = 0;
  draw_ = BatchDraw{};
  rowOrder_.clear();
  rowGroup_.clear();
  table_->setRowCount(0);
  summary_->clear();
  matrix_ = SimilarityMatrix{};
  heatmap_->clearMatrix();
  stack_->setCurrentIndex(library ? 1 : 0);
}

SamplerConfig BatchView::samplerConfig() const { return samplerForm_->sampler(); }

void BatchView::setSamplerConfig(const SamplerConfig& config) { samplerForm_->setSampler(config); }

void BatchView::parametersChanged() { drawNumber_ = 0; }

void BatchView::setClipData(const DataConfig& data) {
  loader_->setClipData(data);
  parametersChanged();  // the next draw uses windows of the new length
}

const ClipSpec& BatchView::clipSpec() const { return loader_->clipSpec(); }

BatchDraw BatchView::drawWithSampler(const Library& library, const SamplerConfig& config, int drawNumber,
                                     const ClipSpec& clip) {
  BatchDraw draw;
  try {
    const ClipIndex index(library, std::max(clip.videoSeconds(), clip.audioSeconds));
    const std::unique_ptr<Sampler> sampler = makeSampler(index, config);
    for (int i = 0; i < drawNumber; ++i) draw.windows = sampler->nextBatch();
    for (const ClipWindow& w : draw.windows) draw.titleIndex.push_back(index.titles()[static_cast<size_t>(w.entry)].titleIndex);
    draw.statistics = computeBatchStatistics(index, draw.windows);
    draw.notes = sampler->notes();
  } catch (const std::exception& e) {
    draw.error = QString::fromStdString(e.what());
  }
  return draw;
}

void BatchView::drawBatch() {
  if (!library_) return;
  ++drawNumber_;
  summary_->setText("Drawing…");
  // The worker holds its own reference to the (immutable) library. It runs at the GUI's priority: the
  // user waits for the draw, and a pool thread must not be lowered (BackgroundPriority.h).
  drawJob_.run(
      this, nullptr, [library = library_, config = samplerConfig(), n = drawNumber_, clip = clipSpec()] {
        return drawWithSampler(*library, config, n, clip);
      },
      [this](const BatchDraw& draw) { showBatch(draw); },
      [this](const QString& error) {
        BatchDraw failed;
        failed.error = error;
        showBatch(failed);
      });
}

int BatchView::groupOfRow(int row) const { return rowGroup_.at(static_cast<size_t>(row)); }

void BatchView::showBatch(const BatchDraw& draw) {
  draw_ = draw;
  selected_ = -1;
  hard_ = easy_ = 0;
  loaded_ = 0;
  rowOrder_.clear();
  rowGroup_.clear();
  table_->setRowCount(0);
  matrix_ = SimilarityMatrix{};
  heatmap_->clearMatrix();
  pairCaption_->setText("Click a heatmap cell to see its two clips side by side.");
  for (int k = 0; k < 2; ++k) {
    pairFrames_[k]->clear();
    pairSpectrogram_[k]->clear();
  }
  if (!draw.error.isEmpty()) {
    summary_->setText("<b>Cannot draw:</b> " + draw.error.toHtmlEscaped());
    Q_EMIT batchDrawn();
    return;
  }
  // Group by title in order of first appearance; within a title by time.
  std::map<int, int> firstSeen;
  for (const ClipWindow& w : draw.windows) firstSeen.emplace(w.entry, static_cast<int>(firstSeen.size()));
  for (size_t i = 0; i < draw.windows.size(); ++i) rowOrder_.push_back(static_cast<int>(i));
  std::stable_sort(rowOrder_.begin(), rowOrder_.end(), [&](int a, int b) {
    const ClipWindow& wa = draw.windows[static_cast<size_t>(a)];
    const ClipWindow& wb = draw.windows[static_cast<size_t>(b)];
    const int ga = firstSeen[wa.entry], gb = firstSeen[wb.entry];
    return ga != gb ? ga < gb : wa.start < wb.start;
  });
  groups_ = static_cast<int>(firstSeen.size());
  table_->setRowCount(static_cast<int>(rowOrder_.size()));
  clipSerial_ = loader_->newSerial();
  for (int row = 0; row < static_cast<int>(rowOrder_.size()); ++row) {
    const int i = rowOrder_[static_cast<size_t>(row)];
    const ClipWindow& w = draw.windows[static_cast<size_t>(i)];
    const int group = firstSeen[w.entry];
    rowGroup_.push_back(group);
    const QColor colour = groupColor(group, groups_);
    const Title& title = library_->titles[static_cast<size_t>(draw.titleIndex[static_cast<size_t>(i)])];
    auto* clip = new QTableWidgetItem(QString("#%1").arg(i + 1));
    clip->setBackground(colour);
    auto* name = new QTableWidgetItem(QString::fromStdString(title.name));
    name->setBackground(colour);
    name->setToolTip(QString::fromStdString(title.path));
    auto* time = new QTableWidgetItem(QString("%1 s").arg(w.start, 0, 'f', 1));
    table_->setItem(row, ClipColumn, clip);
    table_->setItem(row, TitleColumn, name);
    table_->setItem(row, TimeColumn, time);
    table_->setItem(row, FramesColumn, new QTableWidgetItem("loading…"));
    table_->setItem(row, SpectrogramColumn, new QTableWidgetItem);
    table_->setItem(row, SimilarityColumn, new QTableWidgetItem);
    table_->setItem(row, RoleColumn, new QTableWidgetItem);
    loader_->request(clipSerial_, row, draw.titleIndex[static_cast<size_t>(i)], w.start);
  }
  const BatchStatistics& s = draw.statistics;
  QString text = QString("<b>%1</b> batch of %2 clips from <b>%3 titles</b>.<br>Same-title (hard) negatives: "
                         "<b>%4%</b> of the B·(B−1) negative pairs; same-series: %5%.")
                     .arg(QString::fromStdString(samplerForm_->sampler().kind))
                     .arg(s.batchSize)
                     .arg(s.distinctTitles)
                     .arg(100.0 * s.sameTitleNegativeShare, 0, 'f', 1)
                     .arg(100.0 * s.sameSeriesNegativeShare, 0, 'f', 1);
  if (s.minSameTitleGap >= 0) text += QString("<br>Closest same-title clips: %1 s apart.").arg(s.minSameTitleGap, 0, 'f', 1);
  for (const std::string& note : draw.notes) text += "<br><i>" + QString::fromStdString(note).toHtmlEscaped() + "</i>";
  summary_->setText(text);
  selection_->setText("Select a clip to see its positive and its hard and easy negatives.");
  Q_EMIT batchDrawn();
  computeSimilarities();
}

void BatchView::showClip(const ClipPicture& picture) {
  if (picture.serial != clipSerial_ || picture.slot < 0 || picture.slot >= table_->rowCount()) return;
  const int row = picture.slot;
  if (!picture.ok()) {
    table_->item(row, FramesColumn)->setText("cannot load: " + picture.error);
    table_->item(row, FramesColumn)->setToolTip(picture.error);
  } else {
    QTableWidgetItem* frames = table_->item(row, FramesColumn);
    frames->setText(QString());
    frames->setData(Qt::DecorationRole, QPixmap::fromImage(picture.framesThumb));
    table_->item(row, SpectrogramColumn)->setData(Qt::DecorationRole, QPixmap::fromImage(picture.spectrogramThumb));
  }
  if (++loaded_ == table_->rowCount()) Q_EMIT allClipsLoaded();
}

QString BatchView::roleOfRow(int row) const {
  if (selected_ < 0 || row < 0 || row >= clipCount()) return {};
  if (row == selected_) return "anchor";
  const int a = rowOrder_[static_cast<size_t>(selected_)], b = rowOrder_[static_cast<size_t>(row)];
  return draw_.windows[static_cast<size_t>(a)].entry == draw_.windows[static_cast<size_t>(b)].entry ? "hard negative"
                                                                                                      : "easy negative";
}

void BatchView::selectClip(int row) {
  selected_ = row >= 0 && row < clipCount() ? row : -1;
  if (selected_ >= 0 && table_->currentRow() != selected_) table_->selectRow(selected_);
  updateRoles();
}

void BatchView::updateRoles() {
  hard_ = easy_ = 0;
  heatmap_->setSelectedCell(selected_, selected_);
  // Mean similarity of the selected clip's video to its positive and to each kind of negative.
  double sum[3] = {0, 0, 0};
  for (int row = 0; row < clipCount(); ++row) {
    const QString role = roleOfRow(row);
    QTableWidgetItem* similarityItem = table_->item(row, SimilarityColumn);
    if (hasSimilarities() && selected_ >= 0) {
      const float value = similarity(selected_, row);
      similarityItem->setText(QString::number(value, 'f', 3));
      similarityItem->setToolTip(QString("cos(video of the selected clip, audio of this clip) = %1").arg(value, 0, 'f', 4));
      sum[role == "anchor" ? 0 : role == "hard negative" ? 1 : 2] += value;
    } else {
      similarityItem->setText(QString());
    }
    QTableWidgetItem* item = table_->item(row, RoleColumn);
    if (role == "anchor") {
      item->setText("anchor (positive: own audio)");
      item->setToolTip("The selected clip: its positive is its own audio, every other clip's audio a negative");
      item->setBackground(QColor(120, 200, 120));
    } else if (role == "hard negative") {
      ++hard_;
      item->setText("hard negative (same title)");
      item->setToolTip("Another clip of the anchor's title: sets, cast and music cannot tell it from the positive");
      item->setBackground(QColor(250, 170, 90));
    } else if (role == "easy negative") {
      ++easy_;
      item->setText("easy negative (other title)");
      item->setToolTip("A clip of another title: the title's look and sound alone tell it from the positive");
      item->setBackground(QColor(225, 225, 225));
    } else {
      item->setText(QString());
      item->setToolTip(QString());
      item->setBackground(QBrush());
    }
  }
  if (selected_ < 0) return;
  const ClipWindow& w = draw_.windows[static_cast<size_t>(rowOrder_[static_cast<size_t>(selected_)])];
  const Title& title = library_->titles[static_cast<size_t>(draw_.titleIndex[static_cast<size_t>(rowOrder_[static_cast<size_t>(selected_)])])];
  selection_->setText(QString("Clip %1 s of <b>%2</b>: positive = its own audio; <b>%3 hard</b> negatives from the "
                              "same title, %4 easy negatives from other titles.")
                          .arg(w.start, 0, 'f', 1)
                          .arg(QString::fromStdString(title.name).toHtmlEscaped())
                          .arg(hard_)
                          .arg(easy_) +
                      (hasSimilarities()
                           ? QString("<br>Similarity to its video: positive <b>%1</b>, hard negatives %2, easy "
                                     "negatives %3 (mean).")
                                 .arg(sum[0], 0, 'f', 3)
                                 .arg(mean(sum[1], hard_), 0, 'f', 3)
                                 .arg(mean(sum[2], easy_), 0, 'f', 3)
                           : QString()));
}

}  // namespace binge::ui
