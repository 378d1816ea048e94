// binge: the desktop workbench. Opens the library given on the command line, else the last one used;
// with --demo, the built-in demo library (created on first use, with progress and Cancel).
#include "AppSettings.h"
#include "BingeApplication.h"
#include "ExperimentsView.h"
#include "LibraryController.h"
#include "MainWindow.h"
#include "QuitOnSignal.h"
#include "TrainingView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  binge::ui::configureApplication(app);
  binge::ui::quitOnTerminationSignals(app);  // Ctrl-C: quit cleanly, stopping a running trainer

  QCommandLineParser parser;
  parser.setApplicationDescription("Binge: self-supervised audio-visual learning from movies and TV shows");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("library", "Library file (JSON) to open", "[library.json]");
  QCommandLineOption demo("demo", "Open the demo library, creating it first if it does not exist.");
  parser.addOption(demo);
  QCommandLineOption run("run", "Follow the run folder <dir> in the Training tab (live or finished).", "dir");
  parser.addOption(run);
  QCommandLineOption sweep("sweep", "Follow the sweep folder <dir> in the Experiments tab (binge-cli sweep).", "dir");
  parser.addOption(sweep);
  parser.process(app);

  auto settings = std::make_shared<binge::ui::AppSettings>();
  binge::ui::MainWindow window(nullptr, settings);
  window.show();
  if (!parser.positionalArguments().isEmpty()) {
    window.openLibrary(parser.positionalArguments().first());
  } else if (parser.isSet(demo)) {
    const QString demoLibrary = QDir(binge::ui::LibraryController::defaultDemoFolder()).filePath("library.json");
    if (QFileInfo::exists(demoLibrary)) window.openLibrary(demoLibrary);
    else window.createDemoLibrary();
  } else if (!settings->recentLibraries().isEmpty() && QFileInfo::exists(settings->recentLibraries().first())) {
    window.openLibrary(settings->recentLibraries().first());
  }
  if (parser.isSet(run)) {
    window.tabs()->setCurrentWidget(window.trainingView());
    window.trainingView()->openRun(parser.value(run));
  }
  if (parser.isSet(sweep)) {
    window.tabs()->setCurrentWidget(window.experimentsView());
    window.experimentsView()->followSweep(parser.value(sweep));
  }
  return app.exec();
}
