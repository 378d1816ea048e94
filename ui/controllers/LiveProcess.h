#pragma once
// Questions about a process by pid, answered from /proc (Linux): is it alive, and is it the trainer of
// a given run directory. A pid read from a status.json written by another session may since have been
// reused by an unrelated program: the GUI signals it only after isTrainerOf() says it is ours.
#include <QString>

namespace binge::ui {

// True while `pid` runs or sleeps; false once it has exited, even while it is a zombie not yet reaped.
bool processIsAlive(qint64 pid);

// True when `pid` is a `binge-cli … train … --run DIR` whose DIR (relative to that process's working
// directory) is `runDir`.
bool isTrainerOf(qint64 pid, const QString& runDir);

}  // namespace binge::ui
