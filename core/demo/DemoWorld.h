#pragma once
// The built-in synthetic TV world: a deterministic generator that writes real media files
// for a library of series and movies, a labelled probe set from other titles, and ground truth.
//
// Layout under outDir:
//   titles/<Series>/<Series> S01E0k.mp4     episodes (series folder + SxxEyy)
//   titles/Movies/<Movie>.mp4                 movies (no SxxEyy tag, no "Season N" folder)
//   probe/<class>/<class>_NNN.mp4             probe clips: a scene of a show not in the library (dialogue,
//                                             theme, ambience) with one event of the class at a random offset
//   ground_truth.json                         everything the plan knows ("complete": true once all files exist)
#include "runtime/Error.h"
#include "demo/DemoPlan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace binge::demo {

struct DemoOptions {
  std::uint64_t seed = 1;
  int titles = 24;            // a quarter movies, the rest episodes in series of three
  double minutes = 2.0;       // length of each title
  std::string outDir;
  int probeClipsPerClass = kDefaultProbeClipsPerClass;
  int probeShows = kDefaultProbeShows;
  double probeSeconds = kDefaultProbeSeconds;
  int threads = 2;            // titles are rendered in parallel, one encoder per thread
};

struct DemoSummary {
  int titles = 0;
  int series = 0;
  int movies = 0;
  int probeClips = 0;
  std::uint64_t bytes = 0;    // all media files together
  double seconds = 0;         // wall time
  std::string groundTruthPath;
  bool cancelled = false;
};

// progress(done, total, name of the file just written). Called from worker threads, one at a time.
using DemoProgress = std::function<void(int done, int total, const std::string& name)>;

// Refuses (DemoError) an outDir that is not empty and not a previous demo world; a previous demo world
// is regenerated in place. Each file is written under a temporary name and renamed when complete.
// With *cancel set the generator stops between frames, removes the partial file and returns with
// cancelled = true (ground_truth.json then says "complete": false).
DemoSummary generateDemoWorld(const DemoOptions& options, const DemoProgress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

// True when dir holds a ground_truth.json written by this generator.
bool isDemoWorld(const std::string& dir);

// Options the caller got wrong (the folder is taken, a count is out of range): the message is one line.
struct DemoError : Error {
  explicit DemoError(const std::string& message) : Error(ErrorKind::Usage, message) {}
};

}  // namespace binge::demo
