#include "CliRunner.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace binge::test {

ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs) {
  QProcess process;
  process.start(program, arguments);
  ProcessResult result;
  if (!process.waitForStarted(10000)) {
    result.err = ("cannot start " + program).toUtf8();
    return result;
  }
  process.closeWriteChannel();
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
    result.err = ("timed out: " + program).toUtf8();
    return result;
  }
  result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  result.out = process.readAllStandardOutput();
  result.err = process.readAllStandardError();
  return result;
}

ProcessResult runCli(const QStringList& arguments, int timeoutMs) {
  const QString cli = QProcessEnvironment::systemEnvironment().value("BINGE_CLI", "binge-cli");
  return runProgram(cli, arguments, timeoutMs);
}

}  // namespace binge::test
