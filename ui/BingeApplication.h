#pragma once
// Application-wide setup shared by the binge executable and the GUI tests: names used by QSettings,
// the window icon, and LibTorch's thread count (set from the hardware, see docs/architecture.md, Dependencies and
// traps).
class QApplication;

namespace binge::ui {

void configureApplication(QApplication& app);

}  // namespace binge::ui
