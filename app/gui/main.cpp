// binge: the desktop workbench. Opens the library given on the command line, or the last one used.
#include "MainWindow.h"
#include "BingeApplication.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  binge::ui::configureApplication(app);

  QCommandLineParser parser;
  parser.setApplicationDescription("Binge: self-supervised audio-visual learning from movies and TV shows");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("library", "Library file (JSON) to open", "[library.json]");
  parser.process(app);

  binge::ui::MainWindow window;
  if (!parser.positionalArguments().isEmpty()) window.openLibrary(parser.positionalArguments().first());
  window.show();
  return app.exec();
}
