// binge-cli bench prepare: time to prepare titles into the cache, side by side with the time the
// ffmpeg CLI needs just to decode them (`ffmpeg -i FILE -f null -`), measured in the same run.
// The bar: prepare ≤ 1.5 × ffmpeg's decode time.
#include "cli/ChildProcess.h"
#include "cli/Commands.h"
#include "cli/PresetOptions.h"

#include "data/LibraryBatchSource.h"
#include "data/TitlePreparer.h"
#include "train/ProcessMemory.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace binge::cli {
namespace {

struct BenchPrepareArgs {
  std::string library;
  std::string preset = "tiny";
  int titles = 3;
  bool json = false;
};

int runBenchPrepare(const BenchPrepareArgs& args) {
  const Library library = loadGivenLibrary(args.library);
  TrainConfig config = loadPresetOrUsageError(args.preset);
  config.data.libraryPath = args.library;
  const CacheGeometry geometry = cacheGeometryFor(config.data);
  const auto scratch = std::filesystem::temp_directory_path() / ("binge-bench-prepare-" + std::to_string(::getpid()));
  std::filesystem::create_directories(scratch);

  nlohmann::json rows = nlohmann::json::array();
  double totalPrepare = 0, totalFfmpeg = 0, totalBytes = 0, totalHours = 0;
  int measured = 0;
  for (const Title& title : library.titles) {
    if (measured >= args.titles) break;
    if (!title.trainable()) continue;
    ++measured;
    const ChildResult ffmpeg = runChild({"ffmpeg", "-nostdin", "-v", "error", "-i", title.path, "-f", "null", "-"});
    const auto summary = prepareTitle(title, geometry, scratch / (title.id + ".bcache"));
    const double ratio = ffmpeg.seconds > 0 ? summary.seconds / ffmpeg.seconds : 0.0;
    std::fprintf(stderr, "%-40.40s %7.1f s of source: prepare %.2f s, ffmpeg decode %.2f s (%.2f x)\n", title.name.c_str(),
                 title.duration, summary.seconds, ffmpeg.seconds, ratio);
    rows.push_back(nlohmann::json{{"title", title.id}, {"path", title.path}, {"duration_s", title.duration},
                    {"prepare_s", summary.seconds}, {"ffmpeg_decode_s", ffmpeg.seconds},
                    {"ffmpeg_exit", ffmpeg.exitCode}, {"ratio", ratio}, {"bytes", summary.bytes}});
    totalPrepare += summary.seconds;
    totalFfmpeg += ffmpeg.seconds;
    totalBytes += static_cast<double>(summary.bytes);
    totalHours += title.duration / 3600.0;
  }
  std::filesystem::remove_all(scratch);
  if (measured == 0) throw UsageError("the library has no trainable titles to prepare");
  const nlohmann::json doc = {{"benchmark", "prepare"}, {"geometry", geometry.key()}, {"titles", rows},
                              {"prepare_s", totalPrepare}, {"ffmpeg_decode_s", totalFfmpeg},
                              {"ratio", totalFfmpeg > 0 ? totalPrepare / totalFfmpeg : 0.0},
                              {"mb_per_source_hour", totalHours > 0 ? totalBytes / 1e6 / totalHours : 0.0},
                              {"peak_rss_mb", peakRssMb()}};
  if (args.json) {
    printJson(doc);
  } else {
    std::printf("prepare %.2f s vs ffmpeg decode %.2f s: %.2f x; cache %.0f MB per source hour\n", totalPrepare,
                totalFfmpeg, doc["ratio"].get<double>(), doc["mb_per_source_hour"].get<double>());
  }
  return 0;
}

}  // namespace

void addBenchPrepareCommand(CLI::App& bench, GlobalOptions&, CommandAction& action) {
  auto args = std::make_shared<BenchPrepareArgs>();
  CLI::App* cmd = bench.add_subcommand("prepare", "Prepare time per title vs ffmpeg's decode time of the same file");
  cmd->add_option("--library", args->library, "Library file (JSON)")->required();
  cmd->add_option("--preset", args->preset, "Preset whose clip geometry to prepare")->capture_default_str();
  cmd->add_option("--titles", args->titles, "Number of titles to measure")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runBenchPrepare(*args); }; });
}

}  // namespace binge::cli
