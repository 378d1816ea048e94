#pragma once
// Running binge-cli and other programs from a test, with their exit code and output.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace binge::test {

struct ProcessResult {
  int exitCode = -1;  // -1 when it crashed, timed out or did not start
  QByteArray out;
  QByteArray err;
};

// Runs the built binge-cli (path from $BINGE_CLI) with the arguments; waits up to timeoutMs.
ProcessResult runCli(const QStringList& arguments, int timeoutMs = 120000);
// Runs any program with arguments; waits up to timeoutMs.
ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 120000);

}  // namespace binge::test
