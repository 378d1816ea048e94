#pragma once
// The trainer as a child process (docs/architecture.md, Process model): `binge-cli train … --run DIR` started by
// QProcess with an argument list (never a shell), controlled through the stdin line protocol (pause, resume, stop,
// checkpoint) and signals. The GUI survives a crashed or killed trainer: exit code, signal and the last stderr lines
// come back as a report. Destroying the object never leaves the child behind — unless it was let go with
// releaseToBackground().
//
// Training on after the GUI is closed: every trainer starts in its own session (setsid: the
// terminal's Ctrl-C and hang-up that end the GUI do not reach it) and ignoring SIGPIPE (once the GUI is
// gone its stderr pipe has no reader: writes fail instead of killing it; end of stdin is not a stop
// either). A later GUI takes such a trainer back with adopt(): without pipes it is controlled by signal
// (Stop = SIGTERM, graceful; Kill = SIGKILL) and its end is noticed by polling its pid.
#include "train/TrainConfig.h"

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace binge::ui {

// What to train. A new run's settings are one resolved TrainConfig, written to a JSON file and handed to
// `binge-cli train --config FILE`: no setting passes through a text field or a flag on the way, and the
// trainer validates the same struct the form validated. A resume sends only the run folder: the run's
// own config.json is the truth then.
struct TrainerLaunch {
  QString runDir;
  TrainConfig config = presetOrDefaults("tiny");
  bool resume = false;       // continue runDir from its latest checkpoint
  qint64 resumeSteps = 0;    // with resume: a new step budget (0 = the run's own)
  QStringList extraArguments;

  // The argument list after the program name; `configFile` holds the config of a new run.
  QStringList arguments(const QString& configFile = QString()) const;
  // The settings that differ from the config's preset as `binge-cli train` options ("--batch", "8";
  // a switch alone: "--synthetic"), every value in its exact text (ConfigField::text), leaving out the
  // flags in `except` (without dashes). What a sweep started from the form passes to each of its runs.
  QStringList settingArguments(const QStringList& except = {}) const;
  // The preset the config came from ("tiny" when it names none).
  QString presetName() const;
};

enum class TrainerState { Idle, Running, Paused, Stopping, Finished, Stopped, Crashed, Killed };
QString toString(TrainerState state);

class TrainerProcess : public QProcess {
  Q_OBJECT
 public:
  explicit TrainerProcess(QObject* parent = nullptr);
  // Stops a running trainer gracefully and waits (bounded), then kills: no orphan survives the GUI.
  ~TrainerProcess() override;

  // binge-cli next to the running executable, else $BINGE_CLI, else the PATH. Empty if none is found.
  static QString locateCli();
  void setCliPath(const QString& cli) { cliOverride_ = cli; }  // instead of locateCli()

  // Starts the trainer; false (with *error) if one is still running or no binge-cli is found.
  bool startTraining(const TrainerLaunch& launch, QString* error = nullptr);
  // Takes control of the trainer `pid` of `runDir` that another session left running (the pid comes
  // from the run's status.json). False with *error when this object is busy or `pid` is not that run's
  // trainer (exited, or a reused pid).
  bool adopt(qint64 pid, const QString& runDir, QString* error = nullptr);
  // Lets the running trainer go on without this GUI: closes its pipes and hands this object over to
  // itself (no parent; it deletes itself once the trainer exits, if the GUI still runs then). Every
  // signal to former receivers is disconnected. Returns the trainer's pid (0 if none was running).
  qint64 releaseToBackground();
  void pauseTraining();
  void resumeTraining();
  void requestCheckpoint();
  // Graceful: the "stop" line (finish the step, checkpoint, exit 0); SIGTERM if the trainer has not
  // exited after termAfterMs (also graceful, reaches a trainer whose stdin reader is stuck); SIGKILL
  // killAfterMs later.
  void stopTraining(int termAfterMs = 5000, int killAfterMs = 5000);
  void killTraining();  // SIGKILL now: the run keeps its last checkpoint and can be resumed

  TrainerState trainerState() const { return state_; }
  // The trainer's pid: our child's, or the adopted one's; 0 when none runs.
  qint64 trainerPid() const;
  bool isAdopted() const { return adoptedPid_ > 0; }
  // Pause needs the stdin protocol, which an adopted trainer no longer has.
  bool canPause() const { return !isAdopted(); }
  bool isActive() const { return state_ == TrainerState::Running || state_ == TrainerState::Paused ||
                                 state_ == TrainerState::Stopping; }
  const TrainerLaunch& launch() const { return launch_; }
  QStringList lastStderrLines() const { return tail_; }
  // "exited with code 2" / "killed by signal" + the last stderr lines; empty after a clean exit.
  QString exitReport() const { return exitReport_; }

 Q_SIGNALS:
  void trainerStateChanged(binge::ui::TrainerState state);
  void stderrLine(const QString& line);
  void trainerExited(binge::ui::TrainerState finalState, const QString& report);

 private:
  void setTrainerState(TrainerState state);
  void removeConfigFile();
  void sendLine(const char* line);
  void readStderr();
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void onError(QProcess::ProcessError error);
  void pollAdopted();
  void signalAdopted(int signal);

  static constexpr int kTailLines = 40;
  QString cliOverride_;
  TrainerLaunch launch_;
  TrainerState state_ = TrainerState::Idle;
  bool stopRequested_ = false;
  bool killRequested_ = false;
  QByteArray partialLine_;
  QStringList tail_;
  QString exitReport_;
  QTimer termTimer_;
  QTimer killTimer_;
  // Adopted trainer (not our child): its pid and run, polled for its end.
  qint64 adoptedPid_ = 0;
  QString adoptedRunDir_;
  QString configFile_;  // the launched run's config, removed when the trainer has read it and exited
  QTimer adoptedPoll_;
};

}  // namespace binge::ui

Q_DECLARE_METATYPE(binge::ui::TrainerState)
