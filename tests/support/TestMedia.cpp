#include "TestMedia.h"

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace binge::test {

int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

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

QString artifactDir() {
  const QString dir = QProcessEnvironment::systemEnvironment().value("BINGE_TEST_ARTIFACTS", QDir::tempPath());
  QDir().mkpath(dir);
  return dir;
}

}  // namespace binge::test
