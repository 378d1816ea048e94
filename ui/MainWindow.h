#pragma once
// The workbench window: one tab per area (Library, Batches, Sampling, Training, Retrieval), the File
// and Help menus, and a status bar that names the compute device. Library jobs (open, import, demo)
// run through the LibraryController; their progress shows in a dialog with Cancel.
#include <QMainWindow>

#include <memory>

class QTabWidget;
class QLabel;
class QMenu;

namespace binge::ui {

class AppSettings;
class BatchView;
class ExperimentsView;
class JobProgressPanel;
class LibraryController;
class LibraryView;
class SamplingView;
class TrainingView;
struct LibraryJobResult;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // settings: null = the user's settings (owned by the window).
  explicit MainWindow(QWidget* parent = nullptr, std::shared_ptr<AppSettings> settings = {});
  ~MainWindow() override;

  QTabWidget* tabs() const { return tabs_; }
  QString libraryPath() const;
  LibraryController* controller() const { return controller_; }
  LibraryView* libraryView() const { return libraryView_; }
  BatchView* batchView() const { return batchView_; }
  SamplingView* samplingView() const { return samplingView_; }
  TrainingView* trainingView() const { return trainingView_; }
  ExperimentsView* experimentsView() const { return experimentsView_; }
  JobProgressPanel* progressPanel() const { return progress_; }

 public Q_SLOTS:
  void openLibrary(const QString& path);
  void importPaths(const QStringList& paths, const QString& libraryPath = {});
  void createDemoLibrary();
  void chooseLibraryToOpen();
  void chooseFolderToImport();

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  // While a trainer started here runs, the Training tab asks first (stop / keep in the background).
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildTabs();
  void buildStatusBar();
  void rebuildRecentMenu();
  void onLibraryChanged();
  void onJobFinished(const LibraryJobResult& result);

  std::shared_ptr<AppSettings> settings_;
  LibraryController* controller_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  LibraryView* libraryView_ = nullptr;
  BatchView* batchView_ = nullptr;
  SamplingView* samplingView_ = nullptr;
  TrainingView* trainingView_ = nullptr;
  ExperimentsView* experimentsView_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  JobProgressPanel* progress_ = nullptr;
  bool startAfterPrepare_ = false;  // the Training tab's "Prepare first": start once prepared
  bool prepareAfterOpen_ = false;   // … of a library that had to be opened first
};

}  // namespace binge::ui
