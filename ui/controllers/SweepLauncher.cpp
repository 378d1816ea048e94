#include "SweepLauncher.h"

#include "experiments/SweepLedger.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace binge::ui {

QStringList sweepArguments(const SweepRequest& request) {
  // The seeds and the varied option are the sweep's (and the run folders: settings hold none).
  return QStringList{"sweep", "--out", request.outDir, "--grid", request.key + "=" + request.values, "--seeds",
                     request.seeds} +
         (request.parallel > 1 ? QStringList{"--parallel", QString::number(request.parallel)} : QStringList{}) +
         request.form.settingArguments({"seed", request.key});
}

bool launchSweep(const QStringList& arguments, const QString& outDir, QString* error, const QString& cli) {
  const QString program = cli.isEmpty() ? TrainerProcess::locateCli() : cli;
  if (program.isEmpty()) {
    if (error) *error = "binge-cli was not found next to binge, in $BINGE_CLI or on the PATH";
    return false;
  }
  if (!QDir().mkpath(outDir)) {
    if (error) *error = "cannot create the sweep folder " + outDir;
    return false;
  }
  QProcess process;
  process.setProgram(program);
  process.setArguments(arguments);
  process.setStandardOutputFile(outDir + "/sweep.log", QIODevice::Append);
  process.setStandardErrorFile(outDir + "/sweep.log", QIODevice::Append);
  process.setStandardInputFile(QProcess::nullDevice());
  if (!process.startDetached()) {
    if (error) *error = "cannot start " + program + ": " + process.errorString();
    return false;
  }
  return true;
}

bool startSweep(const SweepRequest& request, QString* error, const QString& cli) {
  return launchSweep(sweepArguments(request), request.outDir, error, cli);
}

QStringList resumeSweepArguments(const QString& folder) {
  const SweepLedger ledger = SweepLedger::load(folder.toStdString());
  QStringList args{"sweep", "--out", folder};
  for (const auto& axis : ledger.plan.grid) {
    QStringList values;
    for (const auto& v : axis.values) values << QString::fromStdString(v);
    args << "--grid" << QString::fromStdString(axis.key) + "=" + values.join(',');
  }
  QStringList seeds;
  for (auto s : ledger.plan.seeds) seeds << QString::number(s);
  args << "--seeds" << seeds.join(',');
  if (ledger.plan.finalProbe) args << "--final-probe";
  if (ledger.parallel > 1) args << "--parallel" << QString::number(ledger.parallel);
  // The library and probe folder lead the plan's options; the sweep reads them back as its own.
  for (const auto& a : ledger.plan.fixedArgs) args << QString::fromStdString(a);
  return args;
}

namespace {

// Only a binge-cli sweep: a pid left in sweep.json may have been reused by another program.
bool isSweep(long pid) {
  if (pid <= 0) return false;
  QFile cmdline(QString("/proc/%1/cmdline").arg(pid));
  return cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(QByteArray("sweep\0", 6));
}

// A process's state letter and parent from /proc/PID/stat ("pid (name) S ppid ..."; the name may hold
// spaces and parentheses, so the fields are read after its last ')').
bool readStat(long pid, char* state, long* parent) {
  QFile stat(QString("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return false;
  const QByteArray text = stat.readAll();
  const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
  if (fields.size() < 2 || fields[0].isEmpty()) return false;
  *state = fields[0][0];
  *parent = fields[1].toLong();
  return true;
}

// Every process below `pid`, parents before their children.
QList<long> descendants(long pid) {
  QList<long> all{pid};
  const QStringList entries = QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  for (qsizetype i = 0; i < all.size(); ++i)
    for (const QString& entry : entries) {
      bool numeric = false;
      const long child = entry.toLong(&numeric);
      char state = 0;
      long parent = 0;
      if (numeric && readStat(child, &state, &parent) && parent == all[i] && !all.contains(child)) all << child;
    }
  all.removeFirst();
  return all;
}

}  // namespace

bool stopSweep(long pid) { return isSweep(pid) && ::kill(static_cast<pid_t>(pid), SIGINT) == 0; }

bool pauseSweep(long pid, bool pause) {
  if (!isSweep(pid)) return false;
  // The sweep stops first, so that it never sees a child stop; it goes on last, after its children.
  const QList<long> children = descendants(pid);
  if (pause) {
    if (::kill(static_cast<pid_t>(pid), SIGSTOP) != 0) return false;
    for (long child : children) ::kill(static_cast<pid_t>(child), SIGSTOP);
  } else {
    for (long child : children) ::kill(static_cast<pid_t>(child), SIGCONT);
    if (::kill(static_cast<pid_t>(pid), SIGCONT) != 0) return false;
  }
  // A signal is delivered after kill() returns: wait (at most a second) until the sweep's state says so,
  // so that the caller reads the state it asked for.
  for (int i = 0; i < 100 && sweepPaused(pid) != pause; ++i) QThread::msleep(10);
  return true;
}

bool sweepPaused(long pid) {
  char state = 0;
  long parent = 0;
  return isSweep(pid) && readStat(pid, &state, &parent) && state == 'T';
}

}  // namespace binge::ui
