// binge-cli: the headless face of Binge. Every job of the workbench is a subcommand here, so training
// and evaluation run the same way on a laptop, on a server and as the GUI's child process.
#include "cli/CliCommon.h"
#include "cli/Commands.h"

#include "runtime/ComputeDevice.h"
#include "runtime/Versions.h"

#include <iostream>

using namespace binge;
using namespace binge::cli;

namespace {
std::string versionText() {
  const ComputeDevice device = detectComputeDevice();
  return "Binge " + bingeVersion() + "\nLibTorch " + libtorchVersion() + "\nFFmpeg " + ffmpegVersion() +
         "\nCUDA " + (device.cuda ? "yes (" + device.name + ")" : std::string("no"));
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Binge: self-supervised audio-visual learning from movies and TV shows", "binge-cli"};
  app.require_subcommand(0, 1);
  GlobalOptions global;
  bool showVersion = false;
  app.add_flag("--version", showVersion, "Print Binge, LibTorch and FFmpeg versions and CUDA availability");
  app.add_option("--threads", global.threads, "LibTorch CPU threads (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);

  CommandAction action;
  registerCommands(app, global, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::cerr << "binge-cli: " << e.what() << "\nRun 'binge-cli --help' for usage." << std::endl;
    return kExitUsage;
  }

  configureTorchThreads(global.threads);
  if (showVersion) {
    std::cout << versionText() << std::endl;
    return 0;
  }
  if (!action) {
    std::cerr << "binge-cli: no subcommand given.\nRun 'binge-cli --help' for usage." << std::endl;
    return kExitUsage;
  }
  try {
    return action();
  } catch (const UsageError& e) {
    std::cerr << "binge-cli: " << e.what() << std::endl;
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "binge-cli: error: " << e.what() << std::endl;
    return 1;
  }
}
