#include "demo/DemoWorld.h"

#include "demo/DemoGroundTruth.h"
#include "demo/DemoPlan.h"
#include "demo/TitleRenderer.h"
#include "runtime/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace binge::demo {

namespace fs = std::filesystem;

bool isDemoWorld(const std::string& dir) {
  const fs::path file = fs::path(dir) / "ground_truth.json";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return false;
  try {
    const auto j = nlohmann::json::parse(readWholeFile(file));
    return j.value("generator", std::string()) == kDemoGenerator;
  } catch (const std::exception&) {
    return false;
  }
}

namespace {

// Removes the media files a previous demo world listed, so that a smaller world does not leave stale
// titles behind. Only files it wrote itself: anything else in the folder stays.
void removePreviousWorld(const fs::path& dir) {
  const auto j = nlohmann::json::parse(readWholeFile(dir / "ground_truth.json"));
  std::error_code ec;
  for (const char* list : {"titles", "probe"})
    if (j.contains(list))
      for (const auto& t : j[list]) fs::remove(dir / t.value("file", std::string("-")), ec);
  fs::remove(dir / "ground_truth.json", ec);
}

struct Job {
  const ShowDesign* show;
  const TitlePlan* title;
};

}  // namespace

DemoSummary generateDemoWorld(const DemoOptions& options, const DemoProgress& progress,
                              const std::atomic<bool>* cancel) {
  const auto begin = std::chrono::steady_clock::now();
  if (options.outDir.empty()) throw DemoError("no output folder given for the demo world");
  if (options.titles < 1 || options.titles > 500) throw DemoError("--titles must be between 1 and 500");
  if (!(options.minutes >= 0.1 && options.minutes <= 60)) throw DemoError("--minutes must be between 0.1 and 60");
  if (options.probeClipsPerClass < 0 || options.probeClipsPerClass > 1000)
    throw DemoError("--probe-per-class must be between 0 and 1000");
  if (options.probeShows < 1 || options.probeShows > 64) throw DemoError("--probe-shows must be between 1 and 64");
  if (!(options.probeSeconds >= 1.0 && options.probeSeconds <= 60))
    throw DemoError("--probe-seconds must be between 1 and 60");
  const fs::path dir(options.outDir);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw DemoError(options.outDir + " exists and is not a folder");
    const bool empty = fs::directory_iterator(dir, ec) == fs::directory_iterator();
    if (!empty) {
      if (!isDemoWorld(options.outDir))
        throw DemoError(options.outDir +
                        " is not empty and does not hold a previous demo world (no ground_truth.json from "
                        "binge demo); choose an empty or new folder");
      removePreviousWorld(dir);
    }
  }
  fs::create_directories(dir, ec);
  if (ec) throw DemoError("cannot create " + options.outDir + ": " + ec.message());

  WorldPlanOptions planOptions;
  planOptions.seed = options.seed;
  planOptions.titles = options.titles;
  planOptions.minutes = options.minutes;
  planOptions.probeClipsPerClass = options.probeClipsPerClass;
  planOptions.probeShows = options.probeShows;
  planOptions.probeSeconds = options.probeSeconds;
  const WorldPlan world = planWorld(planOptions);

  std::vector<Job> jobs;
  for (const TitlePlan& t : world.titles) jobs.push_back({&world.shows[t.show], &t});
  for (const TitlePlan& t : world.probeClips) jobs.push_back({&world.probeShows[t.show], &t});
  for (const Job& job : jobs) fs::create_directories((dir / job.title->relPath).parent_path());
  // The plan goes down first, marked incomplete: a cancelled or crashed run leaves a folder that is
  // recognisably a demo world and is regenerated in place next time, instead of being refused.
  std::ostringstream minutes;
  minutes << options.minutes;
  const fs::path groundTruth = dir / "ground_truth.json";
  writeFileAtomically(groundTruth, groundTruthJson(world, minutes.str(), options.titles, false));

  // Workers take jobs in order; each title has its own random stream, so the files do not depend on
  // which thread renders them or when.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::exception_ptr failure;
  int done = 0;
  std::uint64_t bytes = 0;
  bool cancelled = false;
  auto worker = [&] {
    for (;;) {
      if (stop.load() || (cancel && cancel->load())) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= jobs.size()) return;
      const TitlePlan& title = *jobs[i].title;
      const fs::path target = dir / title.relPath;
      const fs::path temp = target.string() + ".part";
      try {
        TitleRenderer renderer(world, *jobs[i].show, title);
        if (!renderer.render(temp.string(), cancel)) {
          std::error_code ignore;
          fs::remove(temp, ignore);
          std::lock_guard<std::mutex> lock(mutex);
          cancelled = true;
          return;
        }
        fs::rename(temp, target);
        const auto size = fs::file_size(target);
        std::lock_guard<std::mutex> lock(mutex);
        ++done;
        bytes += size;
        if (progress) progress(done, static_cast<int>(jobs.size()), title.relPath);
      } catch (...) {
        std::error_code ignore;
        fs::remove(temp, ignore);
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
    }
  };
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(jobs.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);

  DemoSummary summary;
  summary.titles = static_cast<int>(world.titles.size());
  for (const ShowDesign& s : world.shows) (s.series ? summary.series : summary.movies)++;
  summary.probeClips = static_cast<int>(world.probeClips.size());
  summary.bytes = bytes;
  summary.cancelled = cancelled || (cancel && cancel->load());
  if (!summary.cancelled) {
    summary.groundTruthPath = groundTruth.string();
    writeFileAtomically(groundTruth, groundTruthJson(world, minutes.str(), options.titles, true));
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return summary;
}

}  // namespace binge::demo
