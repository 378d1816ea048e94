#pragma once
// Runs a reference program (e.g. the ffmpeg CLI) beside a benchmark: argument vector, no shell,
// output discarded. Returns the exit status (-1 if it could not start) and the wall time.
#include <string>
#include <vector>

namespace binge::cli {

struct ChildResult {
  int exitCode = -1;
  double seconds = 0.0;
};

ChildResult runChild(const std::vector<std::string>& argv);

}  // namespace binge::cli
