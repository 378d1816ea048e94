#pragma once
// The Training tab: a validated form for a new run (TrainingForm), the trainer as a child process
// (Start, Pause/Resume, Stop, Kill, Resume a stopped or crashed run), any run directory followed live,
// and the plots of its series (TrainingPlotsPanel). The trainer's stderr goes to a log pane.
//
// Beside the form, the runs list (RunsPanel): this session's runs and a runs folder's; ticked runs are
// overlaid on the plots (RunOverlay), one pinned as the dashed baseline; configs of two runs compared.
// Hovering a plot shows the nearest point's step and value. Closing the window while a trainer runs
// asks whether to stop it or keep it training in the background; the next session re-attaches to it.
// A data-parallel run's status line names its ranks, backend and global batch.
#include "TrainerProcess.h"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <functional>
#include <memory>

class QCloseEvent;
class QMessageBox;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace binge::ui {

class AppSettings;
class TrainingForm;
class RunFollower;
class RunListModel;
class RunOverlay;
class RunsPanel;
class TrainingPlotsPanel;

class TrainingView : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingView(QWidget* parent = nullptr);
  ~TrainingView() override;

  // The library the main window has open: becomes the form's default if the user typed none.
  void setDefaultLibrary(const QString& path);
  // The app's settings: the runs folder is restored from them, and a trainer an earlier session left
  // training in the background is re-attached (followed, and Stop / Kill act on it by signal).
  void setSettings(AppSettings* settings);

  // The form as a launch description; *problem gets the first reason it cannot start ("" = valid).
  TrainerLaunch formLaunch(QString* problem = nullptr) const;
  // Fills the form: the launch's config whole, its run folder and extra arguments.
  void setFormLaunch(const TrainerLaunch& launch);

  // Actions behind the buttons, callable directly (tests, menus). Each returns false with a message in
  // the status line when refused.
  bool startFromForm();
  // In the main window: before Start on a library with titles not yet in the clip cache, ask whether
  // to prepare them first (prepareFirstRequested; the window prepares, then calls startFromForm again
  // with the check passed) or to start anyway. Off in a bare view (tests start directly).
  void setOfferPrepare(bool on) { offerPrepare_ = on; }
  void setPrepareChecked(bool checked) { prepareChecked_ = checked; }
  bool resumeRun();  // --resume of the followed run directory
  bool openRun(const QString& runDir);
  void requestKill();  // asks for confirmation first (non-modal), then kills
  bool exportPlotsPng(const QString& path) const;
  // The six plots as vector graphics on one PDF page, laid out as on screen.
  bool exportPlotsPdf(const QString& path) const;
  // The plotted step series as CSV (step, loss, smoothed loss, lr, clips/s, data wait, compute).
  bool exportSeriesCsv(const QString& path) const;

  // Closing the window: with no trainer running, true (close now). Otherwise asks, non-modal:
  // Stop (graceful, checkpoint; the window closes once the trainer has exited), Keep training in the
  // background (the trainer is let go and recorded in the settings; the window closes), or Cancel.
  // Returns false while the answer or the stop is pending; `closeAgain` is called once the window may go.
  bool confirmClose(const std::function<void()>& closeAgain);
  QMessageBox* closePrompt() const { return closeBox_; }
  // The "Keep training in the background" answer: the trainer outlives this view and the GUI.
  // Returns its pid (0 if none was running).
  qint64 keepTrainingInBackground();

  TrainerProcess* process() const { return process_; }
  RunFollower* follower() const { return follower_; }
  RunListModel* runs() const { return runs_; }
  RunsPanel* runsPanel() const { return runsPanel_; }
  RunOverlay* overlay() const;
  // The plots panel's: redraw now, the plots, the label shown while an opened run is read.
  void refreshPlots();
  int plotRefreshCount() const;
  QCustomPlot* lossPlot() const;
  QList<QCustomPlot*> plots() const;
  QLabel* loadingLabel() const;

 Q_SIGNALS:
  void trainingStarted(const QString& runDir);
  // "Sweep…": the form's settings as the base of a sweep (MainWindow asks what to vary and starts it).
  void sweepRequested(const TrainerLaunch& form);
  void prepareFirstRequested(const QString& library, const QString& preset);
  // The form's clip (its preset's, or as edited) changed: the Library, Batches and Sampling tabs show it.
  void clipDataChanged(const binge::DataConfig& data);

 private:
  QWidget* buildForm();
  void updateButtons();
  void updateStatusLine();
  void appendLog(const QString& line, bool error = false);
  void onTrainerExited(TrainerState state, const QString& report);
  void connectProcess();
  // The run shown in full: followed by follower_, listed in the runs list as the current run.
  void showRun(const QString& runDir, bool readAfresh = false);
  void reattachBackgroundRuns();
  void askToPrepareFirst(const TrainerLaunch& launch, int missing, int trainable);
  void logRunErrors();  // the run's error events not yet in the log

  TrainerProcess* process_;
  RunFollower* follower_;
  RunListModel* runs_;
  RunsPanel* runsPanel_ = nullptr;
  AppSettings* settings_ = nullptr;
  QMessageBox* closeBox_ = nullptr;
  std::function<void()> closeAgain_;
  bool closeAfterStop_ = false;
  bool closeDecided_ = false;
  TrainingForm* form_ = nullptr;
  bool offerPrepare_ = false;
  bool prepareChecked_ = false;  // the next Start skips the unprepared-titles question once

  // Controls and status
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* stop_;
  QPushButton* kill_;
  QPushButton* resume_;
  QPushButton* openRun_;
  QPushButton* export_;
  QPushButton* sweep_;
  QLabel* runLabel_;
  QLabel* stateLabel_;
  QLabel* stepLabel_;
  QLabel* speedLabel_;
  QLabel* etaLabel_;
  QLabel* ranksLabel_;
  QPlainTextEdit* log_;

  TrainingPlotsPanel* plots_;
  std::size_t loggedErrors_ = 0;
  nlohmann::json shownClip_;  // data.clip of the form as last announced
};

}  // namespace binge::ui
