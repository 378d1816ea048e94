// binge-cli demo --out DIR [--seed N] [--titles N] [--minutes M] [--probe-per-class N] [--probe-shows N]
//                [--probe-seconds S] [--json]
// Writes the built-in synthetic TV world (core/demo/DemoWorld.h) with progress on stderr.
#include "cli/Commands.h"

#include "demo/DemoWorld.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

namespace binge::cli {

namespace {
struct DemoArgs {
  demo::DemoOptions options;
  bool json = false;
};
}  // namespace

void addDemoCommand(CLI::App& parent, GlobalOptions& global, CommandAction& action) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = parent.add_subcommand("demo", "Create the built-in demo library: synthetic series and movies");
  cmd->add_option("--out", args->options.outDir, "Output folder (empty, new, or a previous demo world)")->required();
  cmd->add_option("--seed", args->options.seed, "Seed: the same seed gives the same files")->capture_default_str();
  cmd->add_option("--titles", args->options.titles, "Number of titles (a quarter movies, the rest episodes)")
      ->capture_default_str();
  cmd->add_option("--minutes", args->options.minutes, "Length of each title in minutes")->capture_default_str();
  cmd->add_option("--probe-per-class", args->options.probeClipsPerClass,
                  "Probe items per event class (8 classes; 40 give a 95% interval of about +-5 points)")
      ->capture_default_str();
  cmd->add_option("--probe-shows", args->options.probeShows, "Shows the probe items come from (none in the library)")
      ->capture_default_str();
  cmd->add_option("--probe-seconds", args->options.probeSeconds, "Length of each probe item in seconds")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print a JSON summary on stdout");
  cmd->callback([args, &global, &action] {
    action = [args, &global] {
      demo::DemoOptions options = args->options;
      // Titles render in parallel, one encoder per thread; --threads caps it like it caps LibTorch.
      const int hardware = std::max(1u, std::thread::hardware_concurrency());
      options.threads = global.threads > 0 ? global.threads : std::min(2, hardware);
      const demo::DemoSummary summary =
          demo::generateDemoWorld(options, [](int done, int total, const std::string& name) {
            std::fprintf(stderr, "[%d/%d] %s\n", done, total, name.c_str());
          });
      std::fprintf(stderr, "demo world: %d titles (%d series, %d movies), %d probe clips, %.1f MB in %.1f s -> %s\n",
                   summary.titles, summary.series, summary.movies, summary.probeClips, summary.bytes / 1e6,
                   summary.seconds, options.outDir.c_str());
      if (args->json)
        printJson({{"out", options.outDir},
                   {"titles", summary.titles},
                   {"series", summary.series},
                   {"movies", summary.movies},
                   {"probe_clips", summary.probeClips},
                   {"bytes", summary.bytes},
                   {"seconds", summary.seconds},
                   {"ground_truth", summary.groundTruthPath}});
      return 0;
    };
  });
}

}  // namespace binge::cli
