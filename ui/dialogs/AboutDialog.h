#pragma once
#include <QString>

class QWidget;

namespace binge::ui {

// The text of Help → About: Binge, Qt, LibTorch and FFmpeg versions and the compute device.
QString aboutText();
void showAboutDialog(QWidget* parent);

}  // namespace binge::ui
