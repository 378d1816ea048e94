#pragma once
// An offscreen grab of a widget saved into the test artifact folder (BINGE_TEST_ARTIFACTS), with its
// path printed so a run's log says where to look.
#include "Artifacts.h"

#include <QDir>
#include <QWidget>

#include <cstdio>

namespace binge::test {

inline bool saveScreenshot(QWidget& widget, const QString& fileName) {
  const QString shot = QDir(artifactDir()).filePath(fileName);
  if (!widget.grab().save(shot)) return false;
  std::printf("screenshot: %s\n", qPrintable(shot));
  return true;
}

}  // namespace binge::test
