#pragma once
// Application-wide setup shared by the binge executable and the GUI tests: names used by QSettings,
// the window icon, and LibTorch's thread count (set from the hardware, see DESIGN.md §8).
class QApplication;

namespace binge::ui {

void configureApplication(QApplication& app);

}  // namespace binge::ui
