#include "Artifacts.h"

#include <QDir>
#include <QProcessEnvironment>

namespace binge::test {

QString artifactDir() {
  const QString dir = QProcessEnvironment::systemEnvironment().value("BINGE_TEST_ARTIFACTS", QDir::tempPath());
  QDir().mkpath(dir);
  return dir;
}

}  // namespace binge::test
