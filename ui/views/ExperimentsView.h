#pragma once
// The Experiments tab: follows a sweep folder — the one started from the Training tab,
// or any other — and shows its queue (run i of N, the running run's step, an ETA from the finished runs'
// wall times), its results table over seeds (sortable, intervals shown) and its runs; a double-click opens
// a run in the Training tab, "Curves in Training" overlays every run on the Training tab's plots in its
// cell's colour, Export copies the table and figures to a folder. Pause holds the sweep and its trainer
// where they stand (Continue lets them go on); Stop asks the sweep to stop (its trainer checkpoints;
// Resume restarts the same sweep, which skips what is finished). It reads only what the sweep writes (sweep.json,
// results.json, the running run's status.json), every two seconds, so a sweep started from the shell or
// left running by an earlier session is followed the same way.
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QPair>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QWidget>

namespace binge::ui {

class AppSettings;

class ExperimentsView : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentsView(QWidget* parent = nullptr);
  void setSettings(AppSettings* settings);  // remembers the followed folder; follows the last one again

  void followSweep(const QString& folder);
  QString sweepFolder() const { return folder_->text(); }
  void refresh();

  QTableWidget* resultsTable() const { return results_; }
  QTableWidget* runsTable() const { return runs_; }
  QString statusText() const { return status_->text(); }
  bool paused() const { return paused_; }

  // Copies results.md, .csv, .json and the figures to `folder`; returns the files copied, or an error
  // naming the file and the reason in *error.
  QStringList exportResults(const QString& folder, QString* error);
  // The followed sweep's runs that have begun (their folders exist), and each one's grid cell.
  QList<QPair<QString, int>> startedRuns() const;

 Q_SIGNALS:
  void openRunRequested(const QString& runDir);
  // Overlay these runs (folder, grid cell) on the Training tab's plots.
  void overlayRequested(const QString& runsFolder, const QList<QPair<QString, int>>& runs);

 private:
  void stop();
  void resume();
  void togglePause();
  void chooseExportFolder();

  AppSettings* settings_ = nullptr;
  QLineEdit* folder_;
  QLabel* status_;
  QPushButton* stop_;
  QPushButton* resume_;
  QPushButton* pause_;
  QPushButton* curves_;
  QPushButton* export_;
  QTableWidget* results_;
  QTableWidget* runs_;
  QTimer timer_;
  long pid_ = 0;
  bool running_ = false;
  bool paused_ = false;
};

}  // namespace binge::ui
