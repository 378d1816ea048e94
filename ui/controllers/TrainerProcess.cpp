#include "TrainerProcess.h"

#include "LiveProcess.h"
#include "train/ConfigFields.h"
#include "train/RunDirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>
#include <csignal>
#include <unistd.h>

namespace binge::ui {

QStringList TrainerLaunch::arguments(const QString& configFile) const {
  QStringList args{"train", "--run", runDir};
  if (resume) {
    // The run's config.json is the truth on resume; binge-cli warns about (and ignores) other options.
    args << "--resume";
    if (resumeSteps > 0) args << "--steps" << QString::number(resumeSteps);
  } else if (!configFile.isEmpty()) {
    args << "--preset" << presetName() << "--config" << configFile;
  }
  args << extraArguments;
  return args;
}

QString TrainerLaunch::presetName() const {
  return config.preset.empty() ? QString("tiny") : QString::fromStdString(config.preset);
}

QStringList TrainerLaunch::settingArguments(const QStringList& except) const {
  const TrainConfig preset = presetOrDefaults(presetName().toStdString());
  QStringList args;
  if (!config.preset.empty()) args << "--preset" << presetName();
  for (const auto& field : trainConfigFields()) {
    if (except.contains(QString::fromStdString(field.flag)) || field.value(config) == field.value(preset)) continue;
    const QString flag = QString::fromStdString("--" + field.flag);
    const QString text = QString::fromStdString(field.text(config));
    if (field.type() == FieldType::Boolean) args << (text == "true" ? flag : flag + "=" + text);
    else args << flag << text;
  }
  return args;
}

QString toString(TrainerState state) {
  switch (state) {
    case TrainerState::Idle: return "idle";
    case TrainerState::Running: return "running";
    case TrainerState::Paused: return "paused";
    case TrainerState::Stopping: return "stopping";
    case TrainerState::Finished: return "finished";
    case TrainerState::Stopped: return "stopped";
    case TrainerState::Crashed: return "crashed";
    case TrainerState::Killed: return "killed";
  }
  return "?";
}

TrainerProcess::TrainerProcess(QObject* parent) : QProcess(parent) {
  // stdout stays separate and unread (binge-cli writes only --json there); stderr is the log.
  setProcessChannelMode(QProcess::SeparateChannels);
  setStandardOutputFile(QProcess::nullDevice());
  // Runs in the child between fork and exec (async-signal-safe calls only). Its own session keeps the
  // terminal's signals to the GUI away from it; SIG_IGN survives exec, so a trainer whose GUI has gone
  // gets EPIPE on stderr instead of dying of SIGPIPE. See the header: it can outlive the GUI if asked.
  setChildProcessModifier([] {
    ::setsid();
    ::signal(SIGPIPE, SIG_IGN);
  });
  termTimer_.setSingleShot(true);
  killTimer_.setSingleShot(true);
  connect(&termTimer_, &QTimer::timeout, this, [this] {
    if (state() == QProcess::NotRunning) return;
    terminate();  // SIGTERM: the trainer's handler finishes the step and checkpoints
    killTimer_.start();
  });
  connect(&killTimer_, &QTimer::timeout, this, [this] {
    if (isAdopted()) signalAdopted(SIGKILL);
    else if (state() != QProcess::NotRunning) QProcess::kill();
  });
  adoptedPoll_.setInterval(300);
  connect(&adoptedPoll_, &QTimer::timeout, this, &TrainerProcess::pollAdopted);
  connect(this, &QProcess::readyReadStandardError, this, &TrainerProcess::readStderr);
  connect(this, &QProcess::finished, this, &TrainerProcess::onFinished);
  connect(this, &QProcess::errorOccurred, this, &TrainerProcess::onError);
}

TrainerProcess::~TrainerProcess() {
  // An adopted trainer was never ours: it is left as it was found (closing the GUI asks first).
  if (state() == QProcess::NotRunning) {
    removeConfigFile();
    return;
  }
  // No signals to a half-destroyed owner while we wait.
  disconnect(this, nullptr, nullptr, nullptr);
  write("stop\n");
  terminate();
  if (!waitForFinished(5000)) {
    QProcess::kill();
    waitForFinished(3000);
  }
  removeConfigFile();
}

QString TrainerProcess::locateCli() {
  const QString beside = QCoreApplication::applicationDirPath() + "/binge-cli";
  if (QFileInfo(beside).isExecutable()) return beside;
  const QString env = qEnvironmentVariable("BINGE_CLI");
  if (!env.isEmpty() && QFileInfo(env).isExecutable()) return env;
  return QStandardPaths::findExecutable("binge-cli");
}

bool TrainerProcess::startTraining(const TrainerLaunch& launch, QString* error) {
  auto fail = [error](const QString& message) {
    if (error) *error = message;
    return false;
  };
  if (state() != QProcess::NotRunning || isAdopted()) return fail("a trainer is still running; stop it first");
  const QString cli = cliOverride_.isEmpty() ? locateCli() : cliOverride_;
  if (cli.isEmpty())
    return fail("binge-cli not found (looked next to this program, in $BINGE_CLI and on the PATH)");
  launch_ = launch;
  stopRequested_ = killRequested_ = false;
  partialLine_.clear();
  tail_.clear();
  exitReport_.clear();
  removeConfigFile();
  if (!launch.resume) {
    // The resolved config, whole: the trainer reads it at start (--config) and keeps its own copy in
    // the run's config.json.
    QTemporaryFile file(QDir::tempPath() + "/binge-launch-XXXXXX.json");
    file.setAutoRemove(false);
    const QByteArray json = QByteArray::fromStdString(toJson(launch.config).dump(2));
    if (!file.open() || file.write(json) != json.size() || !file.flush())
      return fail("cannot write the run's config to " + file.fileName() + ": " + file.errorString());
    configFile_ = file.fileName();
  }
  QProcess::setProgram(cli);
  setArguments(launch.arguments(configFile_));
  // The write channel stays open: it is the control line protocol.
  QProcess::start(QIODevice::ReadWrite);
  if (!waitForStarted(10000)) return fail(cli + ": cannot start: " + errorString());
  setTrainerState(TrainerState::Running);
  return true;
}

bool TrainerProcess::adopt(qint64 pid, const QString& runDir, QString* error) {
  auto fail = [error](const QString& message) {
    if (error) *error = message;
    return false;
  };
  if (state() != QProcess::NotRunning || isAdopted()) return fail("a trainer is still running; stop it first");
  if (!isTrainerOf(pid, runDir))
    return fail(QString("process %1 is not a trainer of %2 (it has ended)").arg(pid).arg(runDir));
  adoptedPid_ = pid;
  adoptedRunDir_ = runDir;
  launch_ = TrainerLaunch{};
  launch_.runDir = runDir;
  stopRequested_ = killRequested_ = false;
  partialLine_.clear();
  tail_.clear();
  exitReport_.clear();
  adoptedPoll_.start();
  setTrainerState(TrainerState::Running);
  return true;
}

qint64 TrainerProcess::releaseToBackground() {
  if (state() == QProcess::NotRunning) return 0;
  const qint64 pid = processId();
  termTimer_.stop();
  killTimer_.stop();
  // A paused trainer would wait for a "resume" no one can send any more.
  if (state_ == TrainerState::Paused) {
    sendLine("resume");
    waitForBytesWritten(1000);
  }
  disconnect(this, nullptr, nullptr, nullptr);
  // End of stdin is not a stop for the trainer; with stderr closed here its writes fail with EPIPE,
  // which it ignores (see the constructor) — the same as when the GUI process is gone.
  closeWriteChannel();
  closeReadChannel(QProcess::StandardError);
  // A QProcess kills its child when destroyed, so this object must outlive the GUI's widgets: nobody
  // owns it. If the GUI is still running when the trainer ends, it reaps the child and deletes itself.
  setParent(nullptr);
  connect(this, &QProcess::finished, this, &QObject::deleteLater);
  return pid;
}

qint64 TrainerProcess::trainerPid() const {
  if (isAdopted()) return adoptedPid_;
  return state() == QProcess::NotRunning ? 0 : processId();
}

void TrainerProcess::signalAdopted(int signal) {
  // Only while that pid is still our run's trainer: never a signal to a reused pid.
  if (isTrainerOf(adoptedPid_, adoptedRunDir_)) ::kill(static_cast<pid_t>(adoptedPid_), signal);
}

void TrainerProcess::pollAdopted() {
  if (processIsAlive(adoptedPid_)) return;
  adoptedPoll_.stop();
  termTimer_.stop();
  killTimer_.stop();
  // Not our child: no exit code. The run's status.json says how it ended.
  const std::string runState =
      RunDirectory::readStatus(adoptedRunDir_.toStdString()).value("state", std::string());
  TrainerState outcome;
  if (killRequested_) {
    outcome = TrainerState::Killed;
    exitReport_ = "killed on request; the run can be resumed from its last checkpoint";
  } else if (runState == "finished") {
    outcome = TrainerState::Finished;
  } else if (runState == "stopped") {
    outcome = TrainerState::Stopped;
  } else {
    outcome = TrainerState::Crashed;
    exitReport_ = runState == "failed"
                      ? QString("the trainer failed; its error events say why")
                      : QString("the trainer ended without a final status (last: %1)")
                            .arg(runState.empty() ? QString("none") : QString::fromStdString(runState));
  }
  adoptedPid_ = 0;
  setTrainerState(outcome);
  Q_EMIT trainerExited(outcome, exitReport_);
}

void TrainerProcess::sendLine(const char* line) {
  if (state() != QProcess::Running) return;
  write(line);
  write("\n");
}

void TrainerProcess::pauseTraining() {
  if (state_ != TrainerState::Running) return;
  sendLine("pause");
  setTrainerState(TrainerState::Paused);
}

void TrainerProcess::resumeTraining() {
  if (state_ != TrainerState::Paused) return;
  sendLine("resume");
  setTrainerState(TrainerState::Running);
}

void TrainerProcess::requestCheckpoint() { sendLine("checkpoint"); }

void TrainerProcess::stopTraining(int termAfterMs, int killAfterMs) {
  if (isAdopted()) {
    // No stdin: SIGTERM is the graceful stop (finish the step, checkpoint, exit 0).
    if (state_ == TrainerState::Stopping) return;
    stopRequested_ = true;
    signalAdopted(SIGTERM);
    setTrainerState(TrainerState::Stopping);
    killTimer_.setInterval(termAfterMs + killAfterMs);
    killTimer_.start();
    return;
  }
  if (state() == QProcess::NotRunning) return;
  stopRequested_ = true;
  sendLine("stop");
  setTrainerState(TrainerState::Stopping);
  termTimer_.setInterval(termAfterMs);
  killTimer_.setInterval(killAfterMs);
  termTimer_.start();
}

void TrainerProcess::killTraining() {
  if (isAdopted()) {
    killRequested_ = true;
    signalAdopted(SIGKILL);
    return;
  }
  if (state() == QProcess::NotRunning) return;
  killRequested_ = true;
  QProcess::kill();
}

void TrainerProcess::readStderr() {
  partialLine_ += readAllStandardError();
  int newline;
  while ((newline = partialLine_.indexOf('\n')) >= 0) {
    const QString line = QString::fromUtf8(partialLine_.left(newline)).trimmed();
    partialLine_.remove(0, newline + 1);
    if (line.isEmpty()) continue;
    tail_ << line;
    if (tail_.size() > kTailLines) tail_.removeFirst();
    Q_EMIT stderrLine(line);
  }
}

void TrainerProcess::removeConfigFile() {
  if (!configFile_.isEmpty()) QFile::remove(configFile_);
  configFile_.clear();
}

void TrainerProcess::onFinished(int exitCode, QProcess::ExitStatus status) {
  removeConfigFile();
  termTimer_.stop();
  killTimer_.stop();
  readStderr();
  if (!partialLine_.trimmed().isEmpty()) {
    partialLine_ += '\n';
    readStderr();
  }
  TrainerState outcome;
  if (killRequested_) {
    outcome = TrainerState::Killed;
    exitReport_ = "killed on request; the run can be resumed from its last checkpoint";
  } else if (status == QProcess::NormalExit && exitCode == 0) {
    // The trainer exits 0 both when done and after a graceful stop; which one we asked for decides.
    outcome = stopRequested_ ? TrainerState::Stopped : TrainerState::Finished;
  } else {
    outcome = TrainerState::Crashed;
    exitReport_ = status == QProcess::CrashExit ? QString("the trainer crashed (killed by a signal)")
                                                : QString("the trainer exited with code %1").arg(exitCode);
    if (!tail_.isEmpty()) exitReport_ += "; last lines:\n" + tail_.mid(std::max(0, int(tail_.size()) - 10)).join('\n');
  }
  setTrainerState(outcome);
  Q_EMIT trainerExited(outcome, exitReport_);
}

void TrainerProcess::onError(QProcess::ProcessError error) {
  // A failed start never reaches finished(); the other errors are followed by it.
  if (error != QProcess::FailedToStart) return;
  exitReport_ = program() + ": " + errorString();
  setTrainerState(TrainerState::Crashed);
  Q_EMIT trainerExited(TrainerState::Crashed, exitReport_);
}

void TrainerProcess::setTrainerState(TrainerState s) {
  if (s == state_) return;
  state_ = s;
  Q_EMIT trainerStateChanged(s);
}

}  // namespace binge::ui
