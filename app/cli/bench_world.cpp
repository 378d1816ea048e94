// binge-cli bench world --demo DIR [--preset P] [--seed N] [--no-probe] [--json]
// Checks, on the decoded files, that a demo world has the structure the paper describes: show identity
// is easy from a clip's mean frame colour, the event class is not, and classes are balanced.
// Then probes a randomly initialised model of the preset on the world's probe set: the world must leave
// room to learn, so random features should not already tell the event classes apart.
#include "cli/Commands.h"
#include "cli/PresetOptions.h"

#include "demo/WorldStructure.h"
#include "eval/RandomInitProbe.h"
#include "runtime/ComputeDevice.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

namespace binge::cli {

void addBenchWorldCommand(CLI::App& bench, GlobalOptions& global, CommandAction& action) {
  auto demoDir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto noProbe = std::make_shared<bool>(false);
  auto preset = std::make_shared<std::string>("tiny");
  auto seed = std::make_shared<std::uint64_t>(1);
  CLI::App* cmd = bench.add_subcommand("world", "Demo world structure: show identity vs event class from mean colour, "
                                                "and random-init probe accuracy on its probe set");
  cmd->add_option("--demo", *demoDir, "Folder written by 'binge-cli demo'")->required();
  cmd->add_option("--preset", *preset, "Preset whose random-init model is probed")->capture_default_str();
  cmd->add_option("--seed", *seed, "Seed of the random initialisation")->capture_default_str();
  cmd->add_flag("--no-probe", *noProbe, "Skip the random-init probe");
  cmd->add_flag("--json", *json, "Print the report as JSON on stdout");
  cmd->callback([demoDir, json, noProbe, preset, seed, &global, &action] {
    action = [demoDir, json, noProbe, preset, seed, &global] {
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
      nlohmann::json randomInit;
      const auto probeDir = std::filesystem::path(*demoDir) / "probe";
      if (!*noProbe && std::filesystem::is_directory(probeDir)) {
        TrainConfig config = loadPresetOrUsageError(*preset);
        config.seed = *seed;
        const ProbeSet set = loadProbeSet(probeDir);
        const ProbeInputs inputs = loadProbeInputs(set, config);
        ProbeOptions options;
        options.retrieval = false;
        const ProbeReport p = probeRandomInit(config, inputs, torch::kCPU, options);
        const double ceiling = 0.5;
        const bool roomBar = p.video.linear.value() <= ceiling && p.audio.linear.value() <= ceiling;
        std::fprintf(stderr,
                     "random-init %s (seed %llu) on %d probe items, %zu classes (chance %.1f%%), %s:\n"
                     "  video kNN %.1f%% linear %.1f%% [%.1f, %.1f]; audio kNN %.1f%% linear %.1f%% [%.1f, %.1f] -> %s\n",
                     preset->c_str(), static_cast<unsigned long long>(*seed), p.items, p.classes.size(),
                     100.0 / p.classes.size(), p.split.c_str(), 100 * p.video.knn.value(), 100 * p.video.linear.value(),
                     100 * p.video.linear.low, 100 * p.video.linear.high, 100 * p.audio.knn.value(),
                     100 * p.audio.linear.value(), 100 * p.audio.linear.low, 100 * p.audio.linear.high,
                     roomBar ? "ok (linear <= 50% for both)" : "FAIL (bar: linear <= 50% for video and audio)");
        randomInit = toJson(p);
        randomInit["preset"] = *preset;
        randomInit["seed"] = *seed;
        randomInit["room_to_learn_bar_met"] = roomBar;
      }
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
                   {"random_init_probe", randomInit},
                   {"seconds", r.seconds}});
      }
      return 0;
    };
  });
}

}  // namespace binge::cli
