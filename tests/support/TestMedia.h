#pragma once
// Helpers shared by the test suites: a scratch directory per test case, where artifacts (screenshots,
// contact sheets) go, and running binge-cli.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace binge::test {

struct ProcessResult {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

// Runs the built binge-cli (path from $BINGE_CLI) with the arguments; waits up to timeoutMs.
ProcessResult runCli(const QStringList& arguments, int timeoutMs = 120000);
// Runs any program with arguments; waits up to timeoutMs.
ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 120000);

// A loopback TCP port nobody listens on right now (the kernel picks it), for rendezvous stores of
// data-parallel jobs started by tests; each job gets its own so suites can run in parallel.
int freeLoopbackPort();

// Folder for files a person should look at after the tests ($BINGE_TEST_ARTIFACTS).
QString artifactDir();

}  // namespace binge::test
