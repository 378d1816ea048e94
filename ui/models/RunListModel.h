#pragma once
// The runs list of the Training tab: every run opened or started in this session, plus the
// run directories found in a chosen runs folder, each with its state, step / steps, last loss and
// sampler. The tick of a row overlays that run on the plots; one run can be pinned as the baseline
// (drawn dashed, and drawn even when unticked).
//
// One RunFollower per run (ui/controllers/RunFollower.h): the run the Training view shows in full uses
// the view's own follower (setCurrentRun); every other row owns one, which reads the run's events on a
// worker and then polls it slowly. The rows are refreshed on a timer from the followers' revisions —
// never per event.
#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QString>
#include <QTimer>

#include <vector>

namespace binge::ui {

class RunFollower;

class RunListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, StateColumn, StepColumn, LossColumn, SamplerColumn, ColumnCount };

  explicit RunListModel(QObject* parent = nullptr);
  ~RunListModel() override;

  // A run opened or started in this session (it stays when the runs folder changes). Returns its row.
  int addSessionRun(const QString& runDir);
  // Lists the run directories directly under `folder` (sub-folders with a config.json or an
  // events.jsonl); rows of the previous folder that are not session runs go. "" clears. Returns how
  // many runs the folder holds.
  int setRunsFolder(const QString& folder);
  QString runsFolder() const { return folder_; }
  int rescan() { return setRunsFolder(folder_); }

  // Makes `runDir` the run the view draws in full, followed by the view's `follower` from now on: that
  // row's own follower hands over what it has read (RunFollower::takeOver), and the previous current
  // run gets a follower of its own back, taking over the view's. Nothing already read is read again.
  // The view's follower follows `runDir` afterwards (read afresh when the list had not read it, or when
  // `readAfresh`: a new run being started).
  void setCurrentRun(const QString& runDir, RunFollower* viewFollower, bool readAfresh = false);
  QString currentRun() const { return current_; }

  int rowOf(const QString& runDir) const;  // -1 if not listed
  QString runDir(int row) const;
  QString runName(int row) const;  // the folder's name
  RunFollower* follower(int row) const;
  QColor colour(int row) const;
  // Colours a row (a sweep colours its runs by grid cell, so the seeds of one cell read as one).
  void setColour(int row, const QColor& colour);
  // The i-th colour of the list's palette, the one the i-th run added gets.
  static QColor paletteColour(int i);
  bool isOverlaid(int row) const;
  void setOverlaid(int row, bool on);
  int baselineRow() const;
  void setBaseline(int row);  // -1: no baseline
  // The runs drawn over the current one: ticked rows and the baseline, without the current run.
  QList<int> overlayRows() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  static constexpr int kRowRefreshMs = 1000;
  static constexpr int kOwnPollMs = 1000;  // rows not shown in full need no 250 ms poll

 Q_SIGNALS:
  // A tick or the baseline changed: the plots must add or drop graphs.
  void overlayChanged();

 private:
  struct Entry {
    QString dir;
    RunFollower* follower = nullptr;
    bool ownsFollower = false;
    bool overlay = false;
    bool session = false;
    QColor colour;
    quint64 shownRevision = ~0ULL;
  };
  int addRun(const QString& runDir, bool session, RunFollower* borrowed = nullptr);
  // A follower owned by the list for `runDir`: taking over `from`'s reading, or reading afresh.
  RunFollower* ownFollower(const QString& runDir, RunFollower* from = nullptr);
  void refreshRows();

  std::vector<Entry> entries_;
  QString folder_;
  QString current_;
  QString baseline_;
  int coloursUsed_ = 0;
  QTimer rowTimer_;
};

}  // namespace binge::ui
