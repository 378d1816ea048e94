#pragma once
// The Retrieval tab: pick a run (by default the one the Training tab follows) and
// a checkpoint, load or build its retrieval index on a worker (progress bar, Cancel), and query it
// with a clip window — chosen by title and time, from the Library tab ("Find similar clips",
// Ctrl+Shift+F on the clip viewer) or by clicking a point of the embedding map. The nearest windows
// show as a ranked grid of frame cells with title, time and cosine score; windows of the query's own
// title are marked. The map is the 2-D PCA of every indexed window, coloured by title or series. All
// torch work runs through RetrievalController; the GUI thread only lays out answers.
#include "RetrievalController.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QSplitter;
class QStackedWidget;

namespace binge {
struct Library;
}

namespace binge::ui {

class ClipAudioPlayer;
class ClipLoadService;
class EmbeddingMapPlot;
class EmptyStatePanel;
class RetrievalResultCard;
struct ClipPicture;

class RetrievalView : public QWidget {
  Q_OBJECT
 public:
  explicit RetrievalView(QWidget* parent = nullptr);
  ~RetrievalView() override;

  // Chooses a run directory; with load its checkpoint's index is opened (or built) at once.
  void setRun(const QString& runDir, bool load = true);
  QString runDir() const;
  // Where the tab's default run comes from (the Training tab's followed run): asked when the tab is
  // shown while the user has chosen no run.
  void setFollowedRunSource(std::function<QString()> source) { followedRun_ = std::move(source); }
  // Queries the clip of title `titleIndex` of `library` at `seconds`, bringing the tab forward
  // ("Find similar clips" of other tabs: FindSimilarActions.h).
  void findSimilarFrom(const Library& library, int titleIndex, double seconds);

  // A result card's Play (or Space in the results: the selected card, else the first result). One
  // player for the view: playing another card stops the one before; the same card again stops it.
  void playCard(RetrievalResultCard* card);
  void stopPlayback();
  ClipAudioPlayer* audioPlayer() const { return player_; }
  RetrievalResultCard* playingCard() const { return playingCard_; }
  // What the last Play handed the player (kept when the system has no audio output and the player
  // refused, so the request can still be checked).
  struct PlayRequest {
    int rank = -1;
    QString title;
    double start = 0.0;
    size_t samples = 0;
    int sampleRate = 0;
  };
  const PlayRequest& lastPlayRequest() const { return lastPlay_; }

  void setCheckpoint(const QString& checkpoint);  // "latest" or a file of the run
  void loadIndex();
  void cancelIndex();
  void setDirection(RetrievalDirection direction);
  RetrievalDirection direction() const;
  void setK(int k);
  int k() const;
  void setColourBySeries(bool series);

  // Queries run on the worker; resultsShown() once the grid is laid out. Before an index is open the
  // query waits for loadIndex() (started here when idle).
  void queryWindow(std::int64_t row);
  void queryTitleAt(const QString& titleId, double seconds);

  RetrievalController* controller() const { return controller_; }
  EmbeddingMapPlot* map() const { return map_; }
  const RetrievalAnswer& lastAnswer() const { return answer_; }
  // Query request → results laid out on the GUI thread, ms (the worker's search alone: lastAnswer().queryMs).
  double lastQueryMs() const { return lastQueryMs_; }
  RetrievalResultCard* queryCard() const { return queryCard_; }
  const std::vector<RetrievalResultCard*>& resultCards() const { return cards_; }
  int framesLoaded() const { return framesLoaded_; }
  QProgressBar* progressBar() const { return progress_; }
  QPushButton* cancelButton() const { return cancel_; }
  QLabel* statusLabel() const { return status_; }
  EmptyStatePanel* emptyState() const { return empty_; }
  QString indexSummary() const;

 Q_SIGNALS:
  void indexReady();
  void indexFailed(const QString& message);
  void mapShown();
  void resultsShown();
  void allFramesLoaded();
  void activateRequested();  // a query came from another tab: show this one

 protected:
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QWidget* buildControls();
  void fillCheckpoints();
  void onIndexReady(bool cached, double seconds);
  void onIndexFailed(const QString& message);
  void onMapReady(const RetrievalMap& map);
  void onAnswered(const RetrievalAnswer& answer);
  void onPicture(const ClipPicture& picture);
  void showMapPoints();
  void layoutCards();
  void clearResults();
  void requery();
  void setBusy(bool busy);
  void fillTitles();
  void setStatus(const QString& text, bool error = false);
  void playSelected();

  RetrievalController* controller_;
  ClipLoadService* loader_;
  ClipAudioPlayer* player_;
  RetrievalResultCard* playingCard_ = nullptr;
  PlayRequest lastPlay_;
  std::function<QString()> followedRun_;
  bool userChoseRun_ = false;
  // A query asked for before the index was open; issued by onIndexReady.
  std::function<void()> pendingQuery_;

  QStackedWidget* stack_;
  EmptyStatePanel* empty_;
  QComboBox* run_;
  QPushButton* openRun_;
  QComboBox* checkpoint_;
  QPushButton* load_;
  QProgressBar* progress_;
  QPushButton* cancel_;
  QLabel* indexLabel_;
  QComboBox* title_;
  QDoubleSpinBox* time_;
  QComboBox* direction_;
  QSpinBox* k_;
  QPushButton* find_;
  QComboBox* colourBy_;
  QComboBox* mapOf_;
  QSplitter* split_;
  bool splitSized_ = false;
  EmbeddingMapPlot* map_;
  QLabel* mapHover_;
  QScrollArea* scroll_;
  QWidget* grid_;
  QGridLayout* gridLayout_;
  QLabel* status_;

  RetrievalMap mapData_;
  RetrievalAnswer answer_;
  RetrievalResultCard* queryCard_ = nullptr;
  std::vector<RetrievalResultCard*> cards_;
  int gridColumns_ = 0;
  quint64 clipSerial_ = 0;
  int framesLoaded_ = 0;
  QElapsedTimer queryClock_;
  double lastQueryMs_ = 0;
};

}  // namespace binge::ui
