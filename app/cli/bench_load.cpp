// binge-cli bench load: clips/s that the data pipeline delivers as ready batch tensors (decode from
// the prepared cache, augment, log-mel, assemble), random clips drawn by the uniform sampler.
// Compare with ../shared/peers/pyav_clips.py on the same titles (see docs/benchmarks.md).
#include "cli/Commands.h"
#include "cli/PresetOptions.h"

#include "data/LibraryBatchSource.h"
#include "data/PreparedCache.h"
#include "train/ProcessMemory.h"

#include <chrono>
#include <cstdio>

namespace binge::cli {
namespace {

struct BenchLoadArgs {
  std::string library;
  std::string preset = "tiny";
  int batches = 20;
  int batch = 32;
  int workers = 2;
  int shortSide = 0;  // 0 = the preset's
  int crop = 0;       // 0 = the preset's
  bool noAugment = false;
  bool json = false;
};

int runBenchLoad(const BenchLoadArgs& args) {
  loadGivenLibrary(args.library);
  TrainConfig config = loadPresetOrUsageError(args.preset);
  DataConfig& data = config.data;
  data.libraryPath = args.library;
  data.sampler.kind = "uniform";
  data.sampler.batchSize = args.batch;
  data.loaderThreads = args.workers;
  data.queueDepth = 2 * args.workers;
  data.augment = !args.noAugment;
  if (args.shortSide > 0) data.clip.shortSide = args.shortSide;
  if (args.crop > 0) data.cropSize = args.crop;

  LibraryBatchSource source(data);
  int prepared = 0;
  const PreparedCache cache(source.cacheFolder(), cacheGeometryFor(data));
  for (const auto& t : source.index().titles()) prepared += cache.check(source.library().titles[static_cast<size_t>(t.titleIndex)]).valid;
  if (prepared < static_cast<int>(source.index().titles().size()))
    std::fprintf(stderr, "note: %d of %zu titles are prepared for %s; the rest are decoded directly (run binge-cli prepare)\n",
                 prepared, source.index().titles().size(), cache.geometry().key().c_str());

  source.next();  // warm-up: workers started, files mapped
  const auto began = std::chrono::steady_clock::now();
  double waitMs = 0;
  for (int b = 0; b < args.batches; ++b) waitMs += source.next().dataWaitMs;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const PipelineStats stats = source.stats();
  const double clipsPerSecond = args.batches * args.batch / seconds;
  const nlohmann::json doc = {{"benchmark", "load"}, {"geometry", cache.geometry().key()}, {"crop", data.cropSize},
                              {"frames", data.clip.frames}, {"mel_bins", data.clip.melBins},
                              {"augment", data.augment}, {"workers", args.workers}, {"batch", args.batch},
                              {"batches", args.batches}, {"clips_per_s", clipsPerSecond},
                              {"seconds", seconds}, {"mean_wait_ms", waitMs / args.batches},
                              {"titles_prepared", prepared}, {"clips_from_cache", stats.clipsFromCache},
                              {"clips_decoded_directly", stats.clipsDecodedDirectly},
                              {"clips_replaced", stats.clipsReplaced}, {"peak_rss_mb", peakRssMb()}};
  if (args.json) {
    printJson(doc);
  } else {
    std::printf("%.0f clips/s (%d batches of %d, %d workers, %s, crop %d)\n", clipsPerSecond, args.batches, args.batch,
                args.workers, cache.geometry().key().c_str(), data.cropSize);
  }
  return 0;
}

}  // namespace

void addBenchLoadCommand(CLI::App& bench, GlobalOptions&, CommandAction& action) {
  auto args = std::make_shared<BenchLoadArgs>();
  CLI::App* cmd = bench.add_subcommand("load", "Clips/s from the prepared cache through the batch pipeline");
  cmd->add_option("--library", args->library, "Library file (JSON)")->required();
  cmd->add_option("--preset", args->preset, "Preset (clip geometry)")->capture_default_str();
  cmd->add_option("--batches", args->batches, "Batches to time")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--batch", args->batch, "Clips per batch")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--workers", args->workers, "Loader threads")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--short-side", args->shortSide, "Override the cache's short side (e.g. 112)");
  cmd->add_option("--crop", args->crop, "Override the crop size (e.g. 112)");
  cmd->add_flag("--no-augment", args->noAugment, "Centre crop, no jitter");
  cmd->add_flag("--json", args->json, "Print one JSON document on stdout");
  cmd->callback([args, &action] { action = [args] { return runBenchLoad(*args); }; });
}

}  // namespace binge::cli
