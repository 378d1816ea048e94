#pragma once
// The workbench window: one tab per area (Library, Batches, Sampling, Training, Retrieval), the File
// and Help menus, and a status bar that names the compute device.
#include <QMainWindow>

class QTabWidget;
class QLabel;

namespace binge::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  QTabWidget* tabs() const { return tabs_; }
  QString libraryPath() const { return libraryPath_; }

 public Q_SLOTS:
  void openLibrary(const QString& path);
  void chooseLibraryToOpen();
  void chooseFolderToImport();

 private:
  void buildMenus();
  void buildTabs();
  void buildStatusBar();

  QTabWidget* tabs_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QString libraryPath_;
};

}  // namespace binge::ui
