#pragma once
// Starting a sweep from the GUI: the Training tab's form becomes `binge-cli sweep`
// with one varied option and a seed list. The sweep runs detached — in its own session, its output in
// DIR/sweep.log — so it keeps running when the window closes; the Experiments tab follows DIR/sweep.json
// and finds it again on the next start.
#include "TrainerProcess.h"

#include <QString>
#include <QStringList>

namespace binge::ui {

struct SweepRequest {
  TrainerLaunch form;  // every setting of the Training tab; its run folder is ignored
  QString key;         // the train option varied: "sampler", "lr", "batch", … (any flag of the field table)
  QString values;      // "uniform,title-balanced,hierarchical"
  QString seeds;       // "1,2,3"
  int parallel = 1;    // runs at once (--parallel)
  QString outDir;
};

// The sweep's argument list (after the program name): the form's train options without the run folder,
// the seed and the varied option itself.
QStringList sweepArguments(const SweepRequest& request);

// Starts `binge-cli sweep` detached; false with *error when it cannot start.
bool startSweep(const SweepRequest& request, QString* error = nullptr, const QString& cli = QString());

// The command that started the sweep in `folder` (from its sweep.json): run again, it resumes the sweep.
// Throws SweepError when the folder holds no sweep.
QStringList resumeSweepArguments(const QString& folder);

// Runs `binge-cli ARGUMENTS` detached, its output appended to OUTDIR/sweep.log.
bool launchSweep(const QStringList& arguments, const QString& outDir, QString* error = nullptr,
                 const QString& cli = QString());

// Asks a running sweep to stop (SIGINT: its trainer stops with a checkpoint, the same command resumes).
// False when no such process runs.
bool stopSweep(long pid);

// Pauses a running sweep where it stands (SIGSTOP to it and to every process it started: its trainer, a
// probe) or lets it go on (SIGCONT). Nothing is written or lost; the paused processes keep their memory.
// False when no such process runs.
bool pauseSweep(long pid, bool pause);
// Whether the sweep process is stopped (paused).
bool sweepPaused(long pid);

}  // namespace binge::ui
