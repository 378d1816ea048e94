#pragma once
// Ctrl-C (SIGINT) or SIGTERM to the GUI quits it through its event loop, so its windows are destroyed
// and a trainer it runs is stopped gracefully (TrainerProcess's destructor) rather than left behind.
// Needed since trainers run in sessions of their own (so they can outlive the GUI when asked): the
// terminal's Ctrl-C no longer reaches them directly. Unix self-pipe: the handler only writes a byte.
class QCoreApplication;

namespace binge::ui {

void quitOnTerminationSignals(QCoreApplication& app);

}  // namespace binge::ui
