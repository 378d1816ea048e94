// binge-cli: the headless face of Binge. Every job of the workbench is a subcommand here, so training
// and evaluation run the same way on a laptop, on a server and as the GUI's child process.
#include "cli/CliCommon.h"
#include "cli/Commands.h"

#include "runtime/ComputeDevice.h"
#include "runtime/DiskSpace.h"
#include "runtime/Versions.h"
#include "train/ErrorMessage.h"

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace binge;
using namespace binge::cli;

namespace {
std::string versionText() {
  const ComputeDevice device = detectComputeDevice();
  return "Binge " + bingeVersion() + "\nLibTorch " + libtorchVersion() + "\nFFmpeg " + ffmpegVersion() +
         "\nCUDA " + (device.cuda ? "yes (" + device.name + ")" : std::string("no"));
}

// A command's output is often its product (--json into a file): a full disk or a closed pipe must not
// end in exit 0 with half a document. The failed write's errno is long gone by now, so a file on a
// filesystem with (almost) nothing free is reported as full, with the bytes free.
int outputWritten(int status) {
  std::cout.flush();
  if (std::cout.good() && std::fflush(stdout) == 0) return status;
  std::string reason;
  struct stat st {};
  struct statvfs fs {};
  if (::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode) && ::fstatvfs(STDOUT_FILENO, &fs) == 0) {
    const std::uint64_t free = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
    if (free < (1u << 20)) reason = ": no space left on the device (" + formatBytes(free) + " free)";
  }
  std::cerr << "binge-cli: error: cannot write standard output" << reason << std::endl;
  return status == 0 ? 1 : status;
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
    return outputWritten(action());
  } catch (const std::exception& e) {
    // What the user can fix reads as a plain line; a failure of the machine or of Binge says "error".
    const int status = exitStatusFor(errorKindOf(e));
    std::cerr << "binge-cli: " << (status == kExitUsage ? "" : "error: ") << errorMessage(e) << std::endl;
    return status;
  }
}
