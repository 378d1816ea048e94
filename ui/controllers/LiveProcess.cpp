#include "LiveProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace binge::ui {

bool processIsAlive(qint64 pid) {
  if (pid <= 0) return false;
  QFile stat(QString("/proc/%1/stat").arg(pid));
  if (!stat.open(QIODevice::ReadOnly)) return false;
  // "pid (comm) S …": the state letter follows the last ')' (comm may itself hold parentheses).
  const QByteArray line = stat.readAll();
  const int close = line.lastIndexOf(')');
  if (close < 0 || close + 2 >= line.size()) return false;
  const char state = line.at(close + 2);
  return state != 'Z' && state != 'X';
}

bool isTrainerOf(qint64 pid, const QString& runDir) {
  if (!processIsAlive(pid)) return false;
  QFile cmdline(QString("/proc/%1/cmdline").arg(pid));
  if (!cmdline.open(QIODevice::ReadOnly)) return false;
  const QList<QByteArray> args = cmdline.readAll().split('\0');
  if (!args.contains("train")) return false;
  const int run = static_cast<int>(args.indexOf("--run"));
  if (run < 0 || run + 1 >= args.size()) return false;
  const QString cwd = QFileInfo(QString("/proc/%1/cwd").arg(pid)).symLinkTarget();
  const QString dir = QDir(cwd).absoluteFilePath(QString::fromLocal8Bit(args.at(run + 1)));
  return QDir::cleanPath(dir) == QDir::cleanPath(QDir(runDir).absolutePath());
}

}  // namespace binge::ui
