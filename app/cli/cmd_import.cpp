// binge-cli import --library LIB.json PATH...: add files and folders to a library (docs/architecture.md, CLI contract).
// Progress goes to stderr; the summary lists every file that failed and why. A partly failed import
// exits 0; a PATH that does not exist at all is a usage error (exit 2).
#include "cli/Commands.h"

#include "library/LibraryImporter.h"
#include "library/LibraryLock.h"

#include <filesystem>
#include <optional>
#include <iostream>

namespace binge::cli {
namespace {

struct ImportArgs {
  std::string library;
  std::vector<std::string> paths;
  bool json = false;
  bool noDecodeCheck = false;
};

int runImport(const ImportArgs& args) {
  for (const std::string& path : args.paths) requireExistingPath(path, "path to import");
  // Held from the read to the write: another import (a shell, the GUI) waits instead of being overwritten.
  const FileLock lock = lockLibraryFile(args.library, "binge-cli import", 120, [](const std::string& other) {
    std::cerr << "import: waiting for " << other << " to finish with the library" << std::endl;
  });
  Library library;
  if (std::filesystem::exists(args.library)) {
    library = loadGivenLibrary(args.library);
  }
  ImportOptions options;
  options.checkDecode = !args.noDecodeCheck;
  LibraryImporter importer(options);
  importer.setProgressCallback([](const ImportProgress& p) {
    std::cerr << "import: [" << p.done << "/" << p.total << "] " << p.path << std::endl;
  });
  std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  const ImportReport report = importer.import(library, paths);
  saveLibrary(args.library, library);

  std::cerr << "import: " << report.filesSeen << " files: " << report.added << " added, " << report.updated
            << " updated, " << report.unchanged << " unchanged; " << report.warnings.size() << " with warnings, "
            << report.errors.size() << " failed; library has " << library.titles.size() << " titles ("
            << args.library << ")" << std::endl;
  for (const ImportIssue& issue : report.warnings)
    std::cerr << "  warning: " << issue.path << ": " << issue.reason << std::endl;
  for (const ImportIssue& issue : report.errors)
    std::cerr << "  failed: " << issue.path << ": " << issue.reason << std::endl;

  if (args.json) {
    nlohmann::json failed = nlohmann::json::array(), warned = nlohmann::json::array();
    for (const ImportIssue& issue : report.errors) failed.push_back({{"path", issue.path}, {"reason", issue.reason}});
    for (const ImportIssue& issue : report.warnings) warned.push_back({{"path", issue.path}, {"reason", issue.reason}});
    printJson({{"library", args.library},
               {"files", report.filesSeen},
               {"added", report.added},
               {"updated", report.updated},
               {"unchanged", report.unchanged},
               {"titles", library.titles.size()},
               {"warnings", warned},
               {"failed", failed}});
  }
  return 0;
}

}  // namespace

void addImportCommand(CLI::App& parent, GlobalOptions& /*global*/, CommandAction& action) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = parent.add_subcommand("import", "Add media files and folders (searched recursively) to a library");
  cmd->add_option("--library", args->library, "Library file (JSON); created when missing")->required();
  cmd->add_option("paths", args->paths, "Media files or folders")->required();
  cmd->add_flag("--json", args->json, "Print the import report as JSON on stdout");
  cmd->add_flag("--no-decode-check", args->noDecodeCheck, "Probe only; do not decode each file's first frame");
  cmd->callback([args, &action] { action = [args] { return runImport(*args); }; });
}

}  // namespace binge::cli
