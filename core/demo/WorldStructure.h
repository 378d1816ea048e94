#pragma once
// Measures, on the decoded files of a demo world, the structure the paper relies on: the show (series
// or movie) a clip comes from is easy to tell from its mean frame colour, while the event class is not,
// because every title shows every class. Decodes every title once, summarises each frame as a 2×2 grid
// of mean colours, and fits a multinomial logistic regression (SoftmaxRegression) per question.
#include <string>
#include <vector>

namespace binge::demo {

struct WorldStructureOptions {
  std::string demoDir;
  double clipSeconds = 1.0;     // length of a clip window
  double strideSeconds = 2.0;   // windows for the show question start this far apart
  int threads = 2;              // titles decoded in parallel
};

struct ProbeAccuracy {
  double meanColour = 0;        // features: mean RGB of the clip (3)
  double grid = 0;              // features: mean RGB of each quarter of the frame (12)
};

struct WorldStructureReport {
  int titles = 0;
  int shows = 0;
  int classes = 0;
  int showClips = 0;            // train + test windows
  int eventClips = 0;
  ProbeAccuracy show;           // test accuracy of show identity
  ProbeAccuracy eventClass;     // test accuracy of event class
  double showChance = 0;
  double eventChance = 0;
  std::vector<std::string> showNames;
  std::vector<std::string> classNames;
  std::vector<std::vector<int>> eventsPerTitleAndClass;  // [title][class]
  std::vector<int> eventsPerClass;
  std::vector<int> probeClipsPerClass;                   // files found under probe/<class>/
  int minEventsOfAClassInATitle = 0;
  int maxEventsOfAClassInATitle = 0;
  long long framesDecoded = 0;
  double decodeSeconds = 0;
  double seconds = 0;
};

// Throws std::runtime_error naming the file when the folder is not a complete demo world or a title
// cannot be decoded.
WorldStructureReport measureWorldStructure(const WorldStructureOptions& options);

}  // namespace binge::demo
