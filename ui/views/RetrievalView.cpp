#include "RetrievalView.h"

#include "ClipAudioPlayer.h"
#include "ClipLoadService.h"
#include "EmbeddingMapPlot.h"
#include "EmptyStatePanel.h"
#include "MapColourGroups.h"
#include "RetrievalResultCard.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace binge::ui {

namespace {

constexpr RetrievalDirection kDirections[] = {RetrievalDirection::VideoToVideo, RetrievalDirection::AudioToAudio,
                                              RetrievalDirection::VideoToAudio, RetrievalDirection::AudioToVideo};

QString directionText(RetrievalDirection d) {
  switch (d) {
    case RetrievalDirection::VideoToVideo: return "video → video (v2v)";
    case RetrievalDirection::AudioToAudio: return "audio → audio (a2a)";
    case RetrievalDirection::VideoToAudio: return "video → audio (v2a)";
    case RetrievalDirection::AudioToVideo: return "audio → video (a2v)";
  }
  return {};
}

QString timeText(double seconds) { return QString("%1 s").arg(seconds, 0, 'f', 1); }

}  // namespace

RetrievalView::RetrievalView(QWidget* parent)
    : QWidget(parent),
      controller_(new RetrievalController(this)),
      loader_(new ClipLoadService(this)),
      player_(new ClipAudioPlayer(this)) {
  setObjectName("retrievalView");
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  stack_ = new QStackedWidget(this);
  outer->addWidget(stack_);
  empty_ = new EmptyStatePanel("Retrieval",
                               "Query a trained embedding with a clip and see its nearest neighbours "
                               "(video→video, audio→audio, video→audio, audio→video), and the map of every "
                               "clip window of the run's library.\nTrain a run or open a run folder first.",
                               stack_);
  connect(empty_->addAction("Open run…"), &QPushButton::clicked, this, [this] { openRun_->click(); });
  stack_->addWidget(empty_);

  auto* page = new QWidget(stack_);
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(buildControls());

  split_ = new QSplitter(Qt::Horizontal, page);
  auto* mapBox = new QWidget(split_);
  auto* mapLayout = new QVBoxLayout(mapBox);
  mapLayout->setContentsMargins(0, 0, 0, 0);
  map_ = new EmbeddingMapPlot(mapBox);
  map_->setMinimumSize(320, 300);
  mapHover_ = new QLabel("Hover a point for its title and time; click it to query with that window.", mapBox);
  mapHover_->setObjectName("mapHover");
  mapHover_->setWordWrap(true);
  mapLayout->addWidget(map_, 1);
  mapLayout->addWidget(mapHover_);
  scroll_ = new QScrollArea(split_);
  scroll_->setObjectName("results");
  scroll_->setWidgetResizable(true);
  // Columns follow the width (layoutCards), so nothing ever scrolls sideways.
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll_->viewport()->installEventFilter(this);
  grid_ = new QWidget(scroll_);
  gridLayout_ = new QGridLayout(grid_);
  gridLayout_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  gridLayout_->setSpacing(8);
  scroll_->setWidget(grid_);
  split_->addWidget(mapBox);
  split_->addWidget(scroll_);
  split_->setStretchFactor(0, 1);
  split_->setStretchFactor(1, 2);
  layout->addWidget(split_, 1);
  status_ = new QLabel(page);
  status_->setObjectName("retrievalStatus");
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(status_);
  stack_->addWidget(page);

  connect(controller_, &RetrievalController::indexStarted, this, [this] {
    setBusy(true);
    progress_->setRange(0, 0);  // busy until the first batch reports a total
    progress_->setFormat("opening…");
    setStatus("Opening the checkpoint and its retrieval index…");
  });
  connect(controller_, &RetrievalController::progress, this, [this](qint64 done, qint64 total) {
    progress_->setRange(0, static_cast<int>(std::max<qint64>(1, total)));
    progress_->setValue(static_cast<int>(done));
    progress_->setFormat(QString("indexing %1 / %2 windows").arg(done).arg(total));
  });
  connect(controller_, &RetrievalController::indexReady, this, &RetrievalView::onIndexReady);
  connect(controller_, &RetrievalController::indexFailed, this, &RetrievalView::onIndexFailed);
  connect(controller_, &RetrievalController::indexCancelled, this, [this] {
    setBusy(false);
    pendingQuery_ = nullptr;
    setStatus("Index building cancelled; nothing was cached. Load index to start again.");
  });
  connect(controller_, &RetrievalController::mapReady, this, &RetrievalView::onMapReady);
  connect(controller_, &RetrievalController::mapFailed, this,
          [this](const QString& message) { mapHover_->setText("No map: " + message); });
  connect(controller_, &RetrievalController::answered, this, &RetrievalView::onAnswered);
  connect(loader_, &ClipLoadService::loaded, this, &RetrievalView::onPicture);
  connect(map_, &EmbeddingMapPlot::pointHovered, this, [this](int point) {
    if (point >= 0) mapHover_->setText(map_->hoverText());
  });
  connect(map_, &EmbeddingMapPlot::pointClicked, this, [this](int point) { queryWindow(point); });
  connect(player_, &ClipAudioPlayer::finished, this, [this] {
    if (playingCard_) playingCard_->setPlaying(false);
    playingCard_ = nullptr;
  });
  connect(player_, &ClipAudioPlayer::error, this, [this](const QString& message) {
    if (playingCard_) playingCard_->setPlaying(false);
    playingCard_ = nullptr;
    setStatus("Cannot play: " + message, true);
  });
  // Space over the results (a card, its button or the scroll area) plays the selected card. Scoped to
  // the results so Space still presses a focused button or types in the query controls elsewhere.
  auto* playAction = new QAction("Play selected result", scroll_);
  playAction->setObjectName("actionPlayResult");
  playAction->setShortcut(Qt::Key_Space);
  playAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  scroll_->addAction(playAction);
  connect(playAction, &QAction::triggered, this, &RetrievalView::playSelected);
  setBusy(false);
}

RetrievalView::~RetrievalView() = default;

QWidget* RetrievalView::buildControls() {
  auto* box = new QWidget(this);
  auto* rows = new QVBoxLayout(box);
  rows->setContentsMargins(0, 0, 0, 0);

  auto* top = new QHBoxLayout;
  run_ = new QComboBox(box);
  run_->setObjectName("run");
  run_->setMinimumContentsLength(28);
  run_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  openRun_ = new QPushButton("Open run…", box);
  openRun_->setObjectName("openRun");
  checkpoint_ = new QComboBox(box);
  checkpoint_->setObjectName("checkpoint");
  checkpoint_->setMinimumContentsLength(12);
  load_ = new QPushButton("Load index", box);
  load_->setObjectName("loadIndex");
  load_->setToolTip("Open the checkpoint and its index of every clip window of the run's library; built once and "
                    "cached in the run folder (retrieval/index.pt, shared with binge-cli retrieve).");
  progress_ = new QProgressBar(box);
  progress_->setObjectName("indexProgress");
  progress_->setTextVisible(true);
  progress_->setMinimumWidth(200);
  cancel_ = new QPushButton("Cancel", box);
  cancel_->setObjectName("cancelIndex");
  indexLabel_ = new QLabel(box);
  indexLabel_->setObjectName("indexSummary");
  top->addWidget(new QLabel("Run", box));
  top->addWidget(run_, 2);
  top->addWidget(openRun_);
  top->addWidget(new QLabel("Checkpoint", box));
  top->addWidget(checkpoint_, 1);
  top->addWidget(load_);
  top->addWidget(progress_, 1);
  top->addWidget(cancel_);
  rows->addLayout(top);

  auto* second = new QHBoxLayout;
  title_ = new QComboBox(box);
  title_->setObjectName("queryTitle");
  title_->setMinimumContentsLength(20);
  title_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  time_ = new QDoubleSpinBox(box);
  time_->setObjectName("queryTime");
  time_->setDecimals(1);
  time_->setSuffix(" s");
  time_->setRange(0, 0);
  direction_ = new QComboBox(box);
  direction_->setObjectName("direction");
  for (RetrievalDirection d : kDirections) direction_->addItem(directionText(d), static_cast<int>(d));
  k_ = new QSpinBox(box);
  k_->setObjectName("k");
  k_->setRange(1, 200);
  k_->setValue(12);
  find_ = new QPushButton("Find similar", box);
  find_->setObjectName("findSimilar");
  find_->setDefault(true);
  colourBy_ = new QComboBox(box);
  colourBy_->setObjectName("colourBy");
  colourBy_->addItems({"title", "series"});
  mapOf_ = new QComboBox(box);
  mapOf_->setObjectName("mapOf");
  mapOf_->addItems({"video embeddings", "audio embeddings"});
  second->addWidget(new QLabel("Query", box));
  second->addWidget(title_, 2);
  second->addWidget(new QLabel("at", box));
  second->addWidget(time_);
  second->addWidget(new QLabel("Direction", box));
  second->addWidget(direction_);
  second->addWidget(new QLabel("k", box));
  second->addWidget(k_);
  second->addWidget(find_);
  second->addSpacing(16);
  second->addWidget(new QLabel("Map of", box));
  second->addWidget(mapOf_);
  second->addWidget(new QLabel("coloured by", box));
  second->addWidget(colourBy_);
  second->addStretch(1);
  second->addWidget(indexLabel_);
  rows->addLayout(second);

  connect(openRun_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, "Open run folder", runDir());
    if (!dir.isEmpty()) setRun(dir, true);
  });
  connect(run_, &QComboBox::activated, this, [this] {
    userChoseRun_ = true;
    fillCheckpoints();
  });
  connect(load_, &QPushButton::clicked, this, &RetrievalView::loadIndex);
  connect(cancel_, &QPushButton::clicked, this, &RetrievalView::cancelIndex);
  connect(find_, &QPushButton::clicked, this, [this] {
    if (title_->currentIndex() >= 0) queryTitleAt(title_->currentData().toString(), time_->value());
  });
  connect(title_, &QComboBox::currentIndexChanged, this, [this] {
    time_->setRange(0, title_->currentIndex() >= 0 ? title_->currentData(Qt::UserRole + 1).toDouble() : 0.0);
  });
  connect(direction_, &QComboBox::activated, this, &RetrievalView::requery);
  connect(k_, &QSpinBox::editingFinished, this, &RetrievalView::requery);
  connect(colourBy_, &QComboBox::currentIndexChanged, this, &RetrievalView::showMapPoints);
  connect(mapOf_, &QComboBox::currentIndexChanged, this, [this] {
    if (controller_->service()) controller_->requestMap(mapOf_->currentIndex() == 0);
  });
  return box;
}

QString RetrievalView::runDir() const { return run_->currentData().toString(); }

void RetrievalView::setRun(const QString& dir, bool load) {
  const QString path = QFileInfo(dir).absoluteFilePath();
  int i = run_->findData(path);
  if (i < 0) {
    run_->insertItem(0, QDir(path).dirName() + "  —  " + path, path);
    run_->setItemData(0, path, Qt::ToolTipRole);
    i = 0;
  }
  run_->setCurrentIndex(i);
  userChoseRun_ = userChoseRun_ || load;
  stack_->setCurrentIndex(1);
  fillCheckpoints();
  if (load)
    loadIndex();
  else
    setStatus("Run " + path + ": press Load index to open its retrieval index.");
}

void RetrievalView::fillCheckpoints() {
  const QString previous = checkpoint_->currentData().toString();
  checkpoint_->clear();
  checkpoint_->addItem("latest", "latest");
  for (const auto& c : RetrievalService::checkpoints(runDir().toStdString()))
    checkpoint_->addItem(QString("step %1").arg(c.step), QString::fromStdString(c.path));
  const int i = checkpoint_->findData(previous);
  checkpoint_->setCurrentIndex(i >= 0 ? i : 0);
}

void RetrievalView::setCheckpoint(const QString& checkpoint) {
  int i = checkpoint_->findData(checkpoint);
  if (i < 0) {
    checkpoint_->addItem(QFileInfo(checkpoint).fileName(), checkpoint);
    i = checkpoint_->count() - 1;
  }
  checkpoint_->setCurrentIndex(i);
}

void RetrievalView::loadIndex() {
  if (runDir().isEmpty()) {
    setStatus("Choose a run first (Open run…).", true);
    return;
  }
  controller_->openRun(runDir(), checkpoint_->currentData().toString());
}

void RetrievalView::cancelIndex() { controller_->cancel(); }

void RetrievalView::setBusy(bool busy) {
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  cancel_->setEnabled(busy);
  load_->setEnabled(!busy);
}

void RetrievalView::setStatus(const QString& text, bool error) {
  status_->setText(error ? "<span style='color:#b00000'>" + text.toHtmlEscaped() + "</span>" : text.toHtmlEscaped());
}

QString RetrievalView::indexSummary() const { return indexLabel_->text(); }

void RetrievalView::onIndexReady(bool cached, double seconds) {
  setBusy(false);
  const auto service = controller_->service();
  const QString libraryPath = QString::fromStdString(service->libraryPath());
  loader_->setClipDataOfRun(QString::fromStdString(service->runDir()));  // the clips the run's model saw
  loader_->setLibrary(service->library(), libraryPath);
  // The cards of the previous index point into another library: start over.
  clearResults();
  answer_ = RetrievalAnswer{};
  map_->clearPoints();
  mapData_ = RetrievalMap{};
  fillTitles();
  indexLabel_->setText(QString("%1 windows · step %2 · %3")
                           .arg(service->windows().size())
                           .arg(service->step())
                           .arg(cached ? QString("cached index") : QString("built in %1 s").arg(service->buildSeconds(), 0, 'f', 1)));
  indexLabel_->setToolTip(QString::fromStdString(service->checkpoint()) + "\n" + libraryPath);
  setStatus(QString("Index ready (%1 in %2 s). Pick a query: a title and time, a point of the map, or Find similar "
                    "clips (Ctrl+Shift+F) in the Library tab.")
                .arg(cached ? "loaded from the run's cache" : "built and cached")
                .arg(seconds, 0, 'f', 1));
  Q_EMIT indexReady();
  if (pendingQuery_) {
    auto query = std::move(pendingQuery_);
    pendingQuery_ = nullptr;
    query();
  }
}

void RetrievalView::onIndexFailed(const QString& message) {
  setBusy(false);
  pendingQuery_ = nullptr;
  setStatus(message, true);
  Q_EMIT indexFailed(message);
}

void RetrievalView::fillTitles() {
  const QSignalBlocker block(title_);
  title_->clear();
  const auto service = controller_->service();
  if (!service) return;
  // Titles in index order, each with the start of its last window as the time range.
  std::map<std::string, int> seen;
  for (const RetrievalWindow& w : service->windows()) {
    auto [it, fresh] = seen.emplace(w.titleId, title_->count());
    if (fresh) title_->addItem(QString::fromStdString(w.titleName), QString::fromStdString(w.titleId));
    title_->setItemData(it->second, w.start, Qt::UserRole + 1);
  }
  title_->setCurrentIndex(title_->count() > 0 ? 0 : -1);
  time_->setRange(0, title_->count() > 0 ? title_->itemData(0, Qt::UserRole + 1).toDouble() : 0.0);
}

void RetrievalView::onMapReady(const RetrievalMap& map) {
  mapData_ = map;
  showMapPoints();
}

void RetrievalView::showMapPoints() {
  const auto service = controller_->service();
  if (!service || mapData_.x.size() != service->windows().size()) return;
  MapColourGroups groups = mapColourGroups(service->windows(), colourBy_->currentIndex() == 1);
  map_->setLabeler([service](int point) {
    const RetrievalWindow& w = service->windows().at(static_cast<size_t>(point));
    return QString("%1 — %2%3")
        .arg(QString::fromStdString(w.titleName), timeText(w.start),
             w.series.empty() ? QString() : QString(" (%1)").arg(QString::fromStdString(w.series)));
  });
  map_->setPoints(mapData_.x, mapData_.y, std::move(groups.group), groups.names);
  map_->xAxis->setLabel(QString("PC 1 (%1% of variance)").arg(100 * mapData_.explainedVariance[0], 0, 'f', 0));
  map_->yAxis->setLabel(QString("PC 2 (%1%)").arg(100 * mapData_.explainedVariance[1], 0, 'f', 0));
  std::vector<int> results;
  for (const RetrievalMatch& m : answer_.matches) results.push_back(static_cast<int>(m.row));
  map_->setMarked(static_cast<int>(answer_.queryRow), results);
  map_->replot();
  Q_EMIT mapShown();
}

void RetrievalView::setDirection(RetrievalDirection direction) {
  direction_->setCurrentIndex(direction_->findData(static_cast<int>(direction)));
}
RetrievalDirection RetrievalView::direction() const { return static_cast<RetrievalDirection>(direction_->currentData().toInt()); }
void RetrievalView::setK(int k) { k_->setValue(k); }
int RetrievalView::k() const { return k_->value(); }
void RetrievalView::setColourBySeries(bool series) { colourBy_->setCurrentIndex(series ? 1 : 0); }

void RetrievalView::queryWindow(std::int64_t row) {
  if (!controller_->service()) {
    pendingQuery_ = [this, row] { queryWindow(row); };
    if (!controller_->isBusy()) loadIndex();
    return;
  }
  queryClock_.start();
  setStatus("Searching…");
  controller_->query(row, direction(), k());
}

void RetrievalView::queryTitleAt(const QString& titleId, double seconds) {
  if (!controller_->service()) {
    pendingQuery_ = [this, titleId, seconds] { queryTitleAt(titleId, seconds); };
    if (!controller_->isBusy()) loadIndex();
    return;
  }
  queryClock_.start();
  setStatus("Searching…");
  controller_->query(titleId, seconds, direction(), k());
}

void RetrievalView::requery() {
  if (controller_->service() && answer_.queryRow >= 0 && answer_.error.isEmpty()) queryWindow(answer_.queryRow);
}

void RetrievalView::clearResults() {
  stopPlayback();  // its card is about to go
  for (RetrievalResultCard* card : cards_) card->deleteLater();
  if (queryCard_) queryCard_->deleteLater();
  cards_.clear();
  queryCard_ = nullptr;
  gridColumns_ = 0;
  framesLoaded_ = 0;
}

void RetrievalView::onAnswered(const RetrievalAnswer& answer) {
  const auto service = controller_->service();
  if (!answer.error.isEmpty() || !service) {
    setStatus(answer.error.isEmpty() ? QString("No index is open.") : answer.error, true);
    return;
  }
  answer_ = answer;
  clearResults();
  const auto& windows = service->windows();
  const RetrievalWindow& q = windows.at(static_cast<size_t>(answer.queryRow));
  clipSerial_ = loader_->newSerial();
  queryCard_ = new RetrievalResultCard(0, QString::fromStdString(q.titleName), q.start, 1.0,
                                       RetrievalResultCard::Mark::Query, grid_);
  connect(queryCard_, &RetrievalResultCard::playRequested, this, [this, card = queryCard_] { playCard(card); });
  loader_->request(clipSerial_, 0, q.titleIndex, q.start);
  int sameTitle = 0;
  for (size_t i = 0; i < answer.matches.size(); ++i) {
    const RetrievalMatch& m = answer.matches[i];
    const RetrievalWindow& w = windows.at(static_cast<size_t>(m.row));
    const auto mark = m.row == answer.queryRow ? RetrievalResultCard::Mark::QueryWindow
                      : m.titleId == q.titleId ? RetrievalResultCard::Mark::OwnTitle
                                               : RetrievalResultCard::Mark::None;
    if (m.titleId == q.titleId) ++sameTitle;
    cards_.push_back(new RetrievalResultCard(static_cast<int>(i) + 1, QString::fromStdString(w.titleName), m.start, m.score,
                                             mark, grid_));
    RetrievalResultCard* card = cards_.back();
    connect(card, &RetrievalResultCard::playRequested, this, [this, card] { playCard(card); });
    loader_->request(clipSerial_, static_cast<int>(i) + 1, m.titleIndex, m.start);
  }
  layoutCards();
  scroll_->verticalScrollBar()->setValue(0);

  // The query picker follows the query (a map click or a query from the Library tab).
  const int t = title_->findData(QString::fromStdString(q.titleId));
  if (t >= 0) {
    const QSignalBlocker block(title_);
    title_->setCurrentIndex(t);
    time_->setRange(0, title_->itemData(t, Qt::UserRole + 1).toDouble());
  }
  time_->setValue(q.start);
  std::vector<int> rows;
  for (const RetrievalMatch& m : answer.matches) rows.push_back(static_cast<int>(m.row));
  map_->setMarked(static_cast<int>(answer.queryRow), rows);

  lastQueryMs_ = queryClock_.isValid() ? queryClock_.nsecsElapsed() / 1e6 : 0.0;
  setStatus(QString("%1 of %2 at %3: top %4 of %5 windows, %6 from the query's own title (orange). Search %7 ms, "
                    "answer on screen %8 ms.")
                .arg(QString::fromLatin1(toString(answer.direction)), QString::fromStdString(q.titleName), timeText(q.start))
                .arg(answer.matches.size())
                .arg(windows.size())
                .arg(sameTitle)
                .arg(answer.queryMs, 0, 'f', 1)
                .arg(lastQueryMs_, 0, 'f', 1));
  Q_EMIT resultsShown();
}

void RetrievalView::layoutCards() {
  if (!queryCard_) return;
  const int cardWidth = queryCard_->sizeHint().width() + gridLayout_->spacing();
  const int columns = std::max(1, (scroll_->viewport()->width() - 16) / std::max(1, cardWidth));
  if (columns == gridColumns_) return;
  gridColumns_ = columns;
  // The query first, then the ranked results in reading order.
  std::vector<QWidget*> cells{queryCard_};
  for (RetrievalResultCard* card : cards_) cells.push_back(card);
  for (QWidget* cell : cells) gridLayout_->removeWidget(cell);
  for (size_t i = 0; i < cells.size(); ++i) {
    gridLayout_->addWidget(cells[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns);
    cells[i]->show();
  }
}

void RetrievalView::onPicture(const ClipPicture& picture) {
  if (picture.serial != clipSerial_) return;
  RetrievalResultCard* card = picture.slot == 0 ? queryCard_
                              : picture.slot > 0 && picture.slot <= static_cast<int>(cards_.size())
                                  ? cards_[static_cast<size_t>(picture.slot - 1)]
                                  : nullptr;
  if (!card) return;
  card->setPicture(picture);
  if (++framesLoaded_ == static_cast<int>(cards_.size()) + 1) Q_EMIT allFramesLoaded();
}

void RetrievalView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (!splitSized_ && event->size().width() > 0) {
    // The map's size hint would take most of the width: start at 1 : 2 for map : results, which
    // fits three result columns on a 1400-pixel window.
    splitSized_ = true;
    split_->setSizes({event->size().width() / 3, event->size().width() * 2 / 3});
  }
}

bool RetrievalView::eventFilter(QObject* watched, QEvent* event) {
  // The splitter resizes the results without resizing the view: follow the viewport itself.
  if (watched == scroll_->viewport() && event->type() == QEvent::Resize) layoutCards();
  return QWidget::eventFilter(watched, event);
}

void RetrievalView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  // The Training tab's run is the default until the user picks one.
  if (userChoseRun_ || !followedRun_) return;
  const QString followed = followedRun_();
  if (!followed.isEmpty() && QFileInfo::exists(QDir(followed).filePath("config.json")) &&
      QFileInfo(followed).absoluteFilePath() != runDir())
    setRun(followed, /*load=*/false);
}

void RetrievalView::stopPlayback() {
  player_->stop();
  if (playingCard_) playingCard_->setPlaying(false);
  playingCard_ = nullptr;
}

void RetrievalView::playCard(RetrievalResultCard* card) {
  const bool again = card && card == playingCard_;
  stopPlayback();
  if (!card || again || card->audio().empty()) return;  // the same card's button is its Stop
  lastPlay_ = PlayRequest{card->rank(), card->title(), card->start(), card->audio().size(), card->sampleRate()};
  playingCard_ = card;
  card->setPlaying(true);
  // May answer with error() at once (no audio output): that handler resets the card.
  player_->play(card->audio(), card->sampleRate());
}

void RetrievalView::playSelected() {
  // The card holding focus (clicked, or its Play button), else the first result.
  RetrievalResultCard* card = nullptr;
  for (QWidget* w = QApplication::focusWidget(); w && !card; w = w->parentWidget())
    card = qobject_cast<RetrievalResultCard*>(w);
  if (!card && !cards_.empty()) card = cards_.front();
  if (card) playCard(card);
}

void RetrievalView::findSimilarFrom(const Library& lib, int t, double seconds) {
  if (t < 0 || t >= static_cast<int>(lib.titles.size())) return;
  Q_EMIT activateRequested();
  if (runDir().isEmpty()) {
    stack_->setCurrentIndex(1);
    setStatus("Choose a run (Open run…) to find clips similar to " + QString::fromStdString(lib.titles[static_cast<size_t>(t)].name) + ".", true);
    return;
  }
  queryTitleAt(QString::fromStdString(lib.titles[static_cast<size_t>(t)].id), seconds);
}

}  // namespace binge::ui
