#pragma once
// The Training tab (issue 9, items 1–3): a validated form for a new run, the trainer as a child process
// (Start, Pause/Resume, Stop, Kill, Resume a stopped or crashed run), any run directory followed live,
// and plots of its series refreshed on a timer (never per event): loss raw + smoothed, learning rate,
// clips/s, data wait vs compute, batch hardness, probe accuracy. The trainer's stderr goes to a log pane.
#include "TrainerProcess.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace binge::ui {

class RunFollower;

class TrainingView : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingView(QWidget* parent = nullptr);
  ~TrainingView() override;

  // The library the main window has open: becomes the form's default if the user typed none.
  void setDefaultLibrary(const QString& path);

  // The form as a launch description; *problem gets the first reason it cannot start ("" = valid).
  TrainerLaunch formLaunch(QString* problem = nullptr) const;
  // Fills the form; the launch's options without a form field (logEvery, checkpointEvery,
  // extraArguments, probe) are kept and go along with the next Start.
  void setFormLaunch(const TrainerLaunch& launch);

  // Actions behind the buttons, callable directly (tests, menus). Each returns false with a message in
  // the status line when refused.
  bool startFromForm();
  bool resumeRun();  // --resume of the followed run directory
  bool openRun(const QString& runDir);
  void requestKill();  // asks for confirmation first (non-modal), then kills
  bool exportPlotsPng(const QString& path) const;
  // The plotted step series as CSV (step, loss, smoothed loss, lr, clips/s, data wait, compute).
  bool exportSeriesCsv(const QString& path) const;

  TrainerProcess* process() const { return process_; }
  RunFollower* follower() const { return follower_; }
  // Redraws the plots from the follower's series now (the timer does this every plotRefreshMs).
  void refreshPlots();
  int plotRefreshCount() const { return plotRefreshes_; }
  QCustomPlot* lossPlot() const { return lossPlot_; }
  // Shown over the plots while the follower reads an opened run's existing events on its worker.
  QLabel* loadingLabel() const { return loading_; }

 Q_SIGNALS:
  void trainingStarted(const QString& runDir);

 private:
  QWidget* buildForm();
  QWidget* buildPlots();
  QCustomPlot* makePlot(const QString& title, const QString& yLabel);
  void applyPreset(const QString& preset);
  void validateForm();
  void updateButtons();
  void updateStatusLine();
  void appendLog(const QString& line, bool error = false);
  void onTrainerExited(TrainerState state, const QString& report);

  TrainerProcess* process_;
  RunFollower* follower_;
  QString defaultLibrary_;
  // Options the form does not show (log interval, checkpoint interval, extra arguments): kept from the
  // last setFormLaunch() so a caller can tune them.
  TrainerLaunch hidden_;

  // Form
  QLineEdit* library_;
  QCheckBox* synthetic_;
  QComboBox* preset_;
  QComboBox* sampler_;
  QSpinBox* batch_;
  QSpinBox* titlesPerBatch_;
  QSpinBox* steps_;
  QLineEdit* lr_;
  QSpinBox* seed_;
  QLineEdit* runDir_;
  QLabel* formProblem_;

  // Controls and status
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* stop_;
  QPushButton* kill_;
  QPushButton* resume_;
  QPushButton* openRun_;
  QPushButton* export_;
  QLabel* runLabel_;
  QLabel* stateLabel_;
  QLabel* stepLabel_;
  QLabel* speedLabel_;
  QLabel* etaLabel_;
  QPlainTextEdit* log_;

  // Plots
  QWidget* plotArea_;
  QCustomPlot* lossPlot_;
  QCustomPlot* lrPlot_;
  QCustomPlot* speedPlot_;
  QCustomPlot* timePlot_;
  QCustomPlot* hardnessPlot_;
  QCustomPlot* probePlot_;
  QSlider* smoothing_;
  QCheckBox* logLoss_;
  QLabel* loading_;
  QTimer* plotTimer_;
  quint64 plottedRevision_ = ~0ULL;
  int plotRefreshes_ = 0;
  std::size_t loggedErrors_ = 0;
};

}  // namespace binge::ui
