#include "MainWindow.h"

#include "AboutDialog.h"
#include "AppSettings.h"
#include "BatchView.h"
#include "ExperimentsView.h"
#include "FindSimilarActions.h"
#include "JobProgressPanel.h"
#include "RunsPanel.h"
#include "ImportReportDialog.h"
#include "LibraryController.h"
#include "LibraryView.h"
#include "RetrievalView.h"
#include "RunFollower.h"
#include "SamplingView.h"
#include "SweepDialog.h"
#include "SweepLauncher.h"
#include "TrainingView.h"
#include "runtime/ComputeDevice.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>

#include <utility>

namespace binge::ui {

MainWindow::MainWindow(QWidget* parent, std::shared_ptr<AppSettings> settings)
    : QMainWindow(parent), settings_(settings ? std::move(settings) : std::make_shared<AppSettings>()) {
  setWindowTitle("Binge");
  // Room for the plots and the tables' columns where the screen has it; never smaller than 1280 × 800.
  const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
  resize(QSize(1560, 960).boundedTo(available * 0.95).expandedTo(QSize(1280, 800)));
  setAcceptDrops(true);
  controller_ = new LibraryController(settings_.get(), this);
  buildTabs();
  buildMenus();
  buildStatusBar();

  // A second job while one runs is refused by the controller with a message.
  connect(progress_, &JobProgressPanel::canceled, controller_, &LibraryController::cancel);
  connect(controller_, &LibraryController::jobStarted, progress_, &JobProgressPanel::start);
  connect(controller_, &LibraryController::progress, progress_, &JobProgressPanel::report);
  connect(controller_, &LibraryController::libraryChanged, this, &MainWindow::onLibraryChanged);
  connect(controller_, &LibraryController::jobFinished, this, &MainWindow::onJobFinished);
  connect(controller_, &LibraryController::jobFailed, this, [this](const QString& message) {
    statusBar()->showMessage(message, 10000);
    auto* box = new QMessageBox(QMessageBox::Warning, "Binge", message, QMessageBox::Ok, this);
    box->setObjectName("jobError");
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
  });
}

MainWindow::~MainWindow() = default;

QString MainWindow::libraryPath() const { return controller_->libraryPath(); }

void MainWindow::buildTabs() {
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName("areas");
  tabs_->setDocumentMode(true);

  libraryView_ = new LibraryView(tabs_);
  connect(libraryView_, &LibraryView::importRequested, this, &MainWindow::chooseFolderToImport);
  connect(libraryView_, &LibraryView::openRequested, this, &MainWindow::chooseLibraryToOpen);
  connect(libraryView_, &LibraryView::createDemoRequested, this, &MainWindow::createDemoLibrary);
  connect(libraryView_, &LibraryView::prepareRequested, controller_, [this](const QStringList& ids) {
    controller_->prepareTitles(ids);
  });
  tabs_->addTab(libraryView_, "&Library");
  batchView_ = new BatchView(tabs_);
  tabs_->addTab(batchView_, "&Batches");
  samplingView_ = new SamplingView(tabs_);
  tabs_->addTab(samplingView_, "&Sampling");
  auto* training = trainingView_ = new TrainingView(tabs_);
  training->setSettings(settings_.get());  // runs folder; re-attaches a trainer left training in the background
  training->setOfferPrepare(true);
  // "Prepare first" from the Training tab: prepare that library (opened here if it is another one),
  // then start the run the form describes.
  connect(training, &TrainingView::prepareFirstRequested, this, [this](const QString& library, const QString& preset) {
    controller_->setCachePreset(preset);
    startAfterPrepare_ = true;
    if (QFileInfo(library).absoluteFilePath() == controller_->libraryPath()) controller_->prepareTitles();
    else {
      prepareAfterOpen_ = true;
      controller_->openLibrary(library);
    }
  });
  // The open library becomes the training form's default (unless the user typed another one).
  connect(controller_, &LibraryController::libraryChanged, training,
          [this, training] { training->setDefaultLibrary(controller_->libraryPath()); });
  tabs_->addTab(training, "&Training");
  auto* retrieval = new RetrievalView(tabs_);
  // Its default run is the one the Training tab follows; the Library tab's clip can be its query.
  retrieval->setFollowedRunSource([training] { return training->follower()->runDir(); });
  offerFindSimilar(libraryView_, retrieval, [this] { return controller_->library(); });
  offerFindSimilar(batchView_, retrieval, [this] { return controller_->library(); });
  connect(retrieval, &RetrievalView::activateRequested, tabs_, [this, retrieval] { tabs_->setCurrentWidget(retrieval); });
  tabs_->addTab(retrieval, "&Retrieval");
  experimentsView_ = new ExperimentsView(tabs_);
  experimentsView_->setSettings(settings_.get());  // follows the last sweep again, running or not
  connect(experimentsView_, &ExperimentsView::openRunRequested, this, [this, training](const QString& runDir) {
    if (training->openRun(runDir)) tabs_->setCurrentWidget(training);
  });
  connect(experimentsView_, &ExperimentsView::overlayRequested, this,
          [this, training](const QString& runsFolder, const QList<QPair<QString, int>>& runs) {
            training->runsPanel()->overlayRuns(runsFolder, runs);
            tabs_->setCurrentWidget(training);
          });
  // Every tab shows the clip the form would train on: the paper preset's 2 s windows, not the tiny ones.
  connect(training, &TrainingView::clipDataChanged, this, [this](const DataConfig& data) {
    libraryView_->setClipData(data);
    batchView_->setClipData(data);
    samplingView_->setClipSpec(data.clip);
  });
  connect(training, &TrainingView::sweepRequested, this, [this](const TrainerLaunch& form) {
    SweepDialog dialog(form, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const SweepRequest request = dialog.request();
    QString error;
    if (!startSweep(request, &error)) {
      QMessageBox::warning(this, "Sweep", error);
      return;
    }
    experimentsView_->followSweep(request.outDir);
    tabs_->setCurrentWidget(experimentsView_);
  });
  tabs_->addTab(experimentsView_, "E&xperiments");
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
  QAction* demo = file->addAction("Create &demo library", this, &MainWindow::createDemoLibrary);
  demo->setObjectName("actionCreateDemo");
  recentMenu_ = file->addMenu("&Recent libraries");
  recentMenu_->setObjectName("recentLibraries");
  rebuildRecentMenu();
  file->addSeparator();
  QAction* quit = file->addAction("&Quit", qApp, &QApplication::closeAllWindows);
  quit->setShortcut(QKeySequence::Quit);
  quit->setObjectName("actionQuit");

  QMenu* help = menuBar()->addMenu("&Help");
  QAction* about = help->addAction("&About Binge", this, [this] { showAboutDialog(this); });
  about->setObjectName("actionAbout");
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = settings_->recentLibraries();
  for (const QString& path : recent) recentMenu_->addAction(path, this, [this, path] { openLibrary(path); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::buildStatusBar() {
  deviceLabel_ = new QLabel(this);
  deviceLabel_->setObjectName("deviceLabel");
  deviceLabel_->setText("Compute: " + QString::fromStdString(detectComputeDevice().name));
  progress_ = new JobProgressPanel(this);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(deviceLabel_);
  statusBar()->showMessage("Ready", 3000);
}

void MainWindow::openLibrary(const QString& path) { controller_->openLibrary(path); }

void MainWindow::importPaths(const QStringList& paths, const QString& libraryPath) {
  if (paths.isEmpty()) return;
  controller_->importPaths(paths, libraryPath);
}

void MainWindow::createDemoLibrary() { controller_->createDemoLibrary(LibraryController::defaultDemoFolder()); }

void MainWindow::chooseLibraryToOpen() {
  const QString path = QFileDialog::getOpenFileName(this, "Open library", QString(), "Binge library (*.json)");
  if (!path.isEmpty()) openLibrary(path);
}

void MainWindow::chooseFolderToImport() {
  const QString folder = QFileDialog::getExistingDirectory(this, "Import folder of movies", settings_->lastImportFolder());
  if (folder.isEmpty()) return;
  QString target;
  if (controller_->library() == nullptr) {
    // A fresh import: where should the library file go? <folder>/library.json unless the user says otherwise.
    target = QFileDialog::getSaveFileName(this, "Save the new library as",
                                          LibraryController::defaultLibraryPathFor({folder}), "Binge library (*.json)");
    if (target.isEmpty()) return;
  }
  importPaths({folder}, target);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!trainingView_->confirmClose([this] { close(); })) {
    event->ignore();  // asked; closes again once answered
    return;
  }
  QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!event->mimeData()->hasUrls()) return;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) {
      event->acceptProposedAction();
      return;
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  if (paths.isEmpty()) return;
  event->acceptProposedAction();
  importPaths(paths);
}

void MainWindow::onLibraryChanged() {
  const auto library = controller_->library();
  const QString path = controller_->libraryPath();
  libraryView_->setLibrary(library, path, controller_->titleRows(), controller_->seriesTree());
  batchView_->setLibrary(library, path);
  samplingView_->setLibrary(library);
  setWindowTitle("Binge — " + path);
  statusBar()->showMessage(QString("Library %1: %2 titles").arg(path).arg(library ? library->titles.size() : 0), 5000);
  rebuildRecentMenu();
}

void MainWindow::onJobFinished(const LibraryJobResult& result) {
  progress_->finish();
  if (std::exchange(prepareAfterOpen_, false)) {
    if (result.library) {
      controller_->prepareTitles();
      return;
    }
    startAfterPrepare_ = false;
  }
  if (result.prepared) {
    const PrepareReport& p = result.prepare;
    QString text = QString("Prepared %1 titles, %2 already up to date, %3 not trainable, %4 failed")
                       .arg(p.prepared)
                       .arg(p.upToDate)
                       .arg(p.skipped)
                       .arg(p.failures.size());
    statusBar()->showMessage(result.cancelled ? "Prepare cancelled. " + text : text, 10000);
    if (!p.failures.empty()) {
      QStringList lines;
      for (const PrepareFailure& f : p.failures)
        lines << QString::fromStdString(f.path + ": " + f.reason);
      auto* box = new QMessageBox(QMessageBox::Warning, "Prepare", text + ". The others are prepared.",
                                  QMessageBox::Ok, this);
      box->setObjectName("prepareFailures");
      box->setDetailedText(lines.join('\n'));
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
    }
    if (std::exchange(startAfterPrepare_, false) && !result.cancelled) {
      trainingView_->setPrepareChecked(true);
      trainingView_->startFromForm();
    }
  }
  // Keys (Space, arrows) go to the window again once the job is over.
  if (isVisible() && !QApplication::activeWindow()) activateWindow();
  if (result.cancelled) statusBar()->showMessage("Cancelled.", 5000);
  const ImportReport& report = result.report;
  // Opening a file has no import report; show one after an import with anything to say.
  if (report.filesSeen > 0 || !report.errors.empty() || !report.warnings.empty() || report.cancelled) {
    statusBar()->showMessage(ImportReportDialog::summaryText(report, result.library ? result.libraryPath : QString()), 10000);
    if (!report.errors.empty() || !report.warnings.empty()) {
      auto* dialog = new ImportReportDialog(report, result.library ? result.libraryPath : QString(), this);
      dialog->setAttribute(Qt::WA_DeleteOnClose);
      dialog->open();
    }
  }
}

}  // namespace binge::ui
