// binge-cli bench world --demo DIR [--json]
// Checks, on the decoded files, that a demo world has the structure the paper describes: show identity
// is easy from a clip's mean frame colour, the event class is not, and classes are balanced (issue 4).
#include "cli/Commands.h"

#include "demo/WorldStructure.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

namespace binge::cli {

void addBenchWorldCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action) {
  auto demoDir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = bench.add_subcommand("world", "Demo world structure: show identity vs event class from mean colour");
  cmd->add_option("--demo", *demoDir, "Folder written by 'binge-cli demo'")->required();
  cmd->add_flag("--json", *json, "Print the report as JSON on stdout");
  cmd->callback([demoDir, json, &global, &action] {
    action = [demoDir, json, &global] {
      requireExistingPath(*demoDir, "demo folder");
      if (!std::filesystem::exists(std::filesystem::path(*demoDir) / "ground_truth.json"))
        throw UsageError(*demoDir + " is not a demo world (no ground_truth.json); create one with 'binge-cli demo'");
      demo::WorldStructureOptions options;
      options.demoDir = *demoDir;
      const int hardware = std::max(1u, std::thread::hardware_concurrency());
      options.threads = global.threads > 0 ? global.threads : hardware;
      const demo::WorldStructureReport r = demo::measureWorldStructure(options);

      const bool showBar = r.show.meanColour > 0.9;
      const bool classBar = r.eventClass.meanColour <= 2 * r.eventChance;
      std::fprintf(stderr,
                   "%d titles, %d shows, %d classes; %lld frames decoded in %.1f s\n"
                   "show identity from mean colour: %.1f%% (2x2 grid %.1f%%, chance %.1f%%) -> %s\n"
                   "event class from mean colour:   %.1f%% (2x2 grid %.1f%%, chance %.1f%%) -> %s\n"
                   "events of one class per title: %d..%d\n",
                   r.titles, r.shows, r.classes, r.framesDecoded, r.decodeSeconds, 100 * r.show.meanColour,
                   100 * r.show.grid, 100 * r.showChance, showBar ? "ok (> 90%)" : "FAIL (bar > 90%)",
                   100 * r.eventClass.meanColour, 100 * r.eventClass.grid, 100 * r.eventChance,
                   classBar ? "ok (<= 2x chance)" : "FAIL (bar <= 2x chance)", r.minEventsOfAClassInATitle,
                   r.maxEventsOfAClassInATitle);
      if (*json) {
        nlohmann::json perClass = nlohmann::json::object(), probe = nlohmann::json::object();
        for (int c = 0; c < r.classes; ++c) {
          perClass[r.classNames[c]] = r.eventsPerClass[c];
          probe[r.classNames[c]] = r.probeClipsPerClass[c];
        }
        printJson({{"demo", *demoDir},
                   {"titles", r.titles},
                   {"shows", r.shows},
                   {"classes", r.classes},
                   {"show_clips", r.showClips},
                   {"event_clips", r.eventClips},
                   {"show_accuracy_mean_colour", r.show.meanColour},
                   {"show_accuracy_grid2x2", r.show.grid},
                   {"show_chance", r.showChance},
                   {"event_accuracy_mean_colour", r.eventClass.meanColour},
                   {"event_accuracy_grid2x2", r.eventClass.grid},
                   {"event_chance", r.eventChance},
                   {"show_bar_met", showBar},
                   {"event_bar_met", classBar},
                   {"events_per_class", perClass},
                   {"events_per_class_per_title_min", r.minEventsOfAClassInATitle},
                   {"events_per_class_per_title_max", r.maxEventsOfAClassInATitle},
                   {"probe_clips_per_class", probe},
                   {"frames_decoded", r.framesDecoded},
                   {"decode_frames_per_s", r.decodeSeconds > 0 ? r.framesDecoded / r.decodeSeconds : 0.0},
                   {"seconds", r.seconds}});
      }
      return 0;
    };
  });
}

}  // namespace binge::cli
