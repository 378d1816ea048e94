// binge-cli prepare: decode every trainable title once into the prepared clip cache of a preset's
// clip geometry, so training loads clips from memory-mapped JPEG + PCM instead of decoding movies.
// Titles already prepared are skipped (an interrupted prepare resumes); Ctrl-C stops after the
// current title's temporary file is removed.
#include "cli/Commands.h"
#include "cli/PresetOptions.h"

#include "data/LibraryBatchSource.h"
#include "data/PreparedCache.h"
#include "runtime/DiskSpace.h"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace binge::cli {
namespace {

std::atomic<bool> interrupted{false};
void onSignal(int) { interrupted = true; }

struct PrepareArgs {
  std::string library;
  std::string preset = "tiny";
  std::string cacheDir;
  int threads = 1;
  bool json = false;
};

int runPrepare(const PrepareArgs& args) {
  const Library library = loadGivenLibrary(args.library);
  TrainConfig config = loadPresetOrUsageError(args.preset);
  config.data.libraryPath = args.library;
  config.data.cacheDir = args.cacheDir;
  const PreparedCache cache(cacheFolderFor(config.data), cacheGeometryFor(config.data));
  std::fprintf(stderr, "preparing %zu titles into %s\n", library.titles.size(), cache.folder().c_str());

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  // A disk too full to start is refused before any title is decoded (an io error: exit 1).
  const PrepareReport report = cache.prepare(
      library,
      [](const PrepareProgress& p) {
        std::fprintf(stderr, "\r[%d/%d] %-40.40s %3.0f%%", p.titleNumber, p.titles, p.titleId.c_str(), 100 * p.titleFraction);
      },
      &interrupted, args.threads);
  std::fprintf(stderr, "\n");
  const double hours = report.sourceSeconds / 3600.0;
  if (args.json) {
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : report.failures) failures.push_back({{"title", f.titleId}, {"path", f.path}, {"reason", f.reason}});
    printJson({{"cache", cache.folder().string()}, {"geometry", cache.geometry().key()}, {"prepared", report.prepared},
               {"up_to_date", report.upToDate}, {"skipped", report.skipped}, {"failures", failures},
               {"cancelled", report.cancelled}, {"bytes", report.bytes}, {"source_hours", hours},
               {"mb_per_source_hour", hours > 0 ? report.bytes / 1e6 / hours : 0.0}, {"wall_s", report.wallSeconds}});
  } else {
    std::printf("prepared %d, already up to date %d, not trainable %d, failed %zu%s\n", report.prepared, report.upToDate,
                report.skipped, report.failures.size(), report.cancelled ? " (cancelled: run again to resume)" : "");
    std::printf("cache %s: %.1f MB for %.2f h of source\n", cache.folder().c_str(), report.bytes / 1e6, hours);
    for (const auto& f : report.failures) std::printf("failed %s: %s\n", f.path.c_str(), f.reason.c_str());
  }
  if (!report.diskFull.empty()) {
    std::fprintf(stderr, "binge-cli: prepare stopped: %s\n", report.diskFull.c_str());
    return 1;
  }
  if (report.cancelled) return 130;
  // Some titles failed and none was prepared: the cache is no more ready than before.
  return report.failures.empty() || report.prepared > 0 ? 0 : 1;
}

}  // namespace

void addPrepareCommand(CLI::App& parent, GlobalOptions&, CommandAction& action) {
  auto args = std::make_shared<PrepareArgs>();
  CLI::App* cmd = parent.add_subcommand("prepare", "Decode every title once into the prepared clip cache");
  cmd->add_option("--library", args->library, "Library file (JSON)")->required();
  cmd->add_option("--preset", args->preset, "Preset whose clip geometry to prepare (name or JSON file)")->capture_default_str();
  cmd->add_option("--cache", args->cacheDir, "Cache folder (default: next to the library, per geometry)");
  cmd->add_option("--jobs", args->threads, "Titles prepared at once")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runPrepare(*args); }; });
}

}  // namespace binge::cli
