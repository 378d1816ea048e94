#include "SweepLauncher.h"

#include "experiments/SweepLedger.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <csignal>
#include <sys/types.h>

namespace binge::ui {

QStringList sweepArguments(const SweepRequest& request) {
  // The seeds and the varied option are the sweep's (and the run folders: settings hold none).
  return QStringList{"sweep", "--out", request.outDir, "--grid", request.key + "=" + request.values, "--seeds",
                     request.seeds} +
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
  // The library and probe folder lead the plan's options; the sweep reads them back as its own.
  for (const auto& a : ledger.plan.fixedArgs) args << QString::fromStdString(a);
  return args;
}

bool stopSweep(long pid) {
  if (pid <= 0) return false;
  // Only a binge-cli sweep: a pid left in sweep.json may have been reused by another program.
  QFile cmdline(QString("/proc/%1/cmdline").arg(pid));
  if (!cmdline.open(QIODevice::ReadOnly) || !cmdline.readAll().contains(QByteArray("sweep\0", 6))) return false;
  return ::kill(static_cast<pid_t>(pid), SIGINT) == 0;
}

}  // namespace binge::ui
