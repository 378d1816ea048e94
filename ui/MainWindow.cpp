#include "MainWindow.h"

#include "AboutDialog.h"
#include "EmptyStatePanel.h"
#include "runtime/ComputeDevice.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace binge::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("Binge");
  resize(1280, 800);
  buildTabs();
  buildMenus();
  buildStatusBar();
}

void MainWindow::buildTabs() {
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName("areas");
  tabs_->setDocumentMode(true);

  auto* library = new EmptyStatePanel(
      "Library", "Your movies and episodes will be listed here, grouped by series, with their streams and "
                 "status.\nImport a folder of movies (File → Import folder…) or open a library file "
                 "(File → Open library…).",
      tabs_);
  connect(library->addAction("Import folder…"), &QPushButton::clicked, this, &MainWindow::chooseFolderToImport);
  connect(library->addAction("Open library…"), &QPushButton::clicked, this, &MainWindow::chooseLibraryToOpen);
  tabs_->addTab(library, "&Library");
  tabs_->addTab(new EmptyStatePanel("Batches",
                                    "A batch drawn by a sampler will appear here: each clip's frames and "
                                    "spectrogram, grouped by title, with its hard (same-title) and easy "
                                    "(cross-title) negatives.\nOpen or import a library first.",
                                    tabs_),
                "&Batches");
  tabs_->addTab(new EmptyStatePanel("Sampling",
                                    "Statistics of uniform and hierarchical sampling, side by side: clips "
                                    "per title, share of same-title negatives, title coverage.\nOpen or "
                                    "import a library first.",
                                    tabs_),
                "&Sampling");
  tabs_->addTab(new EmptyStatePanel("Training",
                                    "Start, pause and stop contrastive training runs and watch loss and "
                                    "probe accuracy live.\nOpen or import a library first.",
                                    tabs_),
                "&Training");
  tabs_->addTab(new EmptyStatePanel("Retrieval",
                                    "Query a trained embedding with a clip and see its nearest neighbours "
                                    "(video→video, audio→audio, video→audio, audio→video).\nTrain a run or "
                                    "open a run folder first.",
                                    tabs_),
                "&Retrieval");
  setCentralWidget(tabs_);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu("&File");
  QAction* open = file->addAction("&Open library…", this, &MainWindow::chooseLibraryToOpen);
  open->setShortcut(QKeySequence::Open);
  open->setObjectName("actionOpenLibrary");
  QAction* import = file->addAction("&Import folder…", this, &MainWindow::chooseFolderToImport);
  import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
  import->setObjectName("actionImportFolder");
  file->addSeparator();
  QAction* quit = file->addAction("&Quit", qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);
  quit->setObjectName("actionQuit");

  QMenu* help = menuBar()->addMenu("&Help");
  QAction* about = help->addAction("&About Binge", this, [this] { showAboutDialog(this); });
  about->setObjectName("actionAbout");
}

void MainWindow::buildStatusBar() {
  deviceLabel_ = new QLabel(this);
  deviceLabel_->setObjectName("deviceLabel");
  deviceLabel_->setText("Compute: " + QString::fromStdString(detectComputeDevice().name));
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->showMessage("Ready", 3000);
}

void MainWindow::openLibrary(const QString& path) {
  libraryPath_ = path;
  setWindowTitle("Binge — " + path);
  statusBar()->showMessage("Library: " + path, 5000);
}

void MainWindow::chooseLibraryToOpen() {
  const QString path = QFileDialog::getOpenFileName(this, "Open library", QString(), "Binge library (*.json)");
  if (!path.isEmpty()) openLibrary(path);
}

void MainWindow::chooseFolderToImport() {
  const QString folder = QFileDialog::getExistingDirectory(this, "Import folder of movies");
  if (!folder.isEmpty()) statusBar()->showMessage("Import of " + folder + " requested", 5000);
}

}  // namespace binge::ui
