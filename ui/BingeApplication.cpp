#include "BingeApplication.h"

#include "runtime/ComputeDevice.h"

#include <QApplication>
#include <QIcon>

namespace binge::ui {

void configureApplication(QApplication& app) {
  QApplication::setApplicationName("Binge");
  QApplication::setOrganizationName("Binge");
  QApplication::setApplicationVersion(BINGE_VERSION);
  QApplication::setWindowIcon(QIcon(":/icons/binge.svg"));
  configureTorchThreads(0);
  (void)app;
}

}  // namespace binge::ui
