#include "AboutDialog.h"

#include "runtime/ComputeDevice.h"
#include "runtime/Versions.h"

#include <QMessageBox>

namespace binge::ui {

QString aboutText() {
  const auto device = detectComputeDevice();
  return QString("<h3>Binge %1</h3>"
                 "<p>A workbench for self-supervised audio-visual representation learning from movies and "
                 "TV shows, after Kalayeh et al., <i>Watching Too Much Television is Good</i> (2021).</p>"
                 "<table><tr><td>Qt</td><td>%2</td></tr>"
                 "<tr><td>LibTorch</td><td>%3</td></tr>"
                 "<tr><td>FFmpeg</td><td>%4</td></tr>"
                 "<tr><td>Compute</td><td>%5</td></tr></table>")
      .arg(QString::fromStdString(bingeVersion()), QString(qVersion()),
           QString::fromStdString(libtorchVersion()), QString::fromStdString(ffmpegVersion()),
           QString::fromStdString(device.name));
}

void showAboutDialog(QWidget* parent) { QMessageBox::about(parent, "About Binge", aboutText()); }

}  // namespace binge::ui
