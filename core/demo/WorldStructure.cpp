#include "demo/WorldStructure.h"

#include "runtime/Error.h"
#include "demo/DemoFrameReader.h"
#include "demo/SoftmaxRegression.h"
#include "runtime/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace binge::demo {

namespace fs = std::filesystem;

namespace {

constexpr int kGridFeatures = 12;  // 2×2 cells × RGB

// Per frame: mean colour of each quarter (top-left, top-right, bottom-left, bottom-right).
std::vector<std::array<double, kGridFeatures>> frameSummaries(const std::string& path, double& fps) {
  DemoFrameReader reader(path);
  fps = reader.fps();
  const int w = reader.width(), h = reader.height();
  std::vector<std::array<double, kGridFeatures>> out;
  std::vector<std::uint8_t> rgb;
  while (reader.next(rgb)) {
    std::array<double, kGridFeatures> cell{};
    std::array<int, 4> count{};
    for (int y = 0; y < h; ++y) {
      const std::uint8_t* p = &rgb[static_cast<std::size_t>(y) * w * 3];
      for (int x = 0; x < w; ++x, p += 3) {
        const int q = (y >= h / 2 ? 2 : 0) + (x >= w / 2 ? 1 : 0);
        cell[q * 3] += p[0];
        cell[q * 3 + 1] += p[1];
        cell[q * 3 + 2] += p[2];
        ++count[q];
      }
    }
    for (int q = 0; q < 4; ++q)
      for (int c = 0; c < 3; ++c) cell[q * 3 + c] /= std::max(1, count[q]);
    out.push_back(cell);
  }
  if (out.empty()) throw Error(ErrorKind::Input, path + ": no video frames");
  return out;
}

struct Clip {
  std::vector<double> grid;  // 12 features
  std::vector<double> mean;  // 3 features
  int show = 0;
  int cls = -1;
  bool train = false;
};

Clip clipFeatures(const std::vector<std::array<double, kGridFeatures>>& frames, double fps, double start,
                  double seconds) {
  const int a = std::clamp(static_cast<int>(std::lround(start * fps)), 0, static_cast<int>(frames.size()) - 1);
  const int b = std::clamp(static_cast<int>(std::lround((start + seconds) * fps)), a + 1, static_cast<int>(frames.size()));
  Clip clip;
  clip.grid.assign(kGridFeatures, 0.0);
  for (int f = a; f < b; ++f)
    for (int k = 0; k < kGridFeatures; ++k) clip.grid[k] += frames[f][k] / (b - a);
  clip.mean.assign(3, 0.0);
  for (int q = 0; q < 4; ++q)
    for (int c = 0; c < 3; ++c) clip.mean[c] += clip.grid[q * 3 + c] / 4;  // quarters are equal in size
  return clip;
}

ProbeAccuracy probe(const std::vector<Clip>& clips, bool byClass, int classes) {
  ProbeAccuracy result;
  for (int useGrid = 0; useGrid < 2; ++useGrid) {
    std::vector<std::vector<double>> trainX, testX;
    std::vector<int> trainY, testY;
    for (const Clip& c : clips) {
      auto& x = c.train ? trainX : testX;
      auto& y = c.train ? trainY : testY;
      x.push_back(useGrid ? c.grid : c.mean);
      y.push_back(byClass ? c.cls : c.show);
    }
    SoftmaxRegression model;
    model.fit(trainX, trainY, classes);
    (useGrid ? result.grid : result.meanColour) = model.accuracy(testX, testY);
  }
  return result;
}

}  // namespace

WorldStructureReport measureWorldStructure(const WorldStructureOptions& options) {
  const auto begin = std::chrono::steady_clock::now();
  const fs::path dir(options.demoDir);
  const fs::path gtPath = dir / "ground_truth.json";
  if (!fs::is_regular_file(gtPath)) throw Error(ErrorKind::Input, gtPath.string() + ": not found (not a demo world)");
  nlohmann::json gt;
  try {
    gt = nlohmann::json::parse(readWholeFile(gtPath));
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::Input, gtPath.string() + ": not valid JSON: " + e.what());
  }
  if (!gt.value("complete", false))
    throw Error(ErrorKind::Input, gtPath.string() + ": the demo world is incomplete (generation did not finish)");

  WorldStructureReport report;
  std::map<std::string, int> showIndex, classIndex;
  for (const auto& s : gt.at("shows")) {
    showIndex[s.at("name").get<std::string>()] = static_cast<int>(report.showNames.size());
    report.showNames.push_back(s.at("name"));
  }
  for (const auto& c : gt.at("classes")) {
    classIndex[c.at("name").get<std::string>()] = static_cast<int>(report.classNames.size());
    report.classNames.push_back(c.at("name"));
  }
  const auto& titles = gt.at("titles");
  report.titles = static_cast<int>(titles.size());
  report.shows = static_cast<int>(report.showNames.size());
  report.classes = static_cast<int>(report.classNames.size());

  // Decode every title once, in parallel across titles.
  std::vector<std::vector<std::array<double, kGridFeatures>>> summaries(titles.size());
  std::vector<double> fps(titles.size());
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  const auto decodeBegin = std::chrono::steady_clock::now();
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < titles.size();) {
      try {
        summaries[i] = frameSummaries((dir / titles[i].at("file").get<std::string>()).string(), fps[i]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, options.threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
  report.decodeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - decodeBegin).count();
  for (const auto& s : summaries) report.framesDecoded += static_cast<long long>(s.size());

  std::vector<Clip> showClips, eventClips;
  report.eventsPerTitleAndClass.assign(titles.size(), std::vector<int>(report.classes, 0));
  report.eventsPerClass.assign(report.classes, 0);
  for (std::size_t i = 0; i < titles.size(); ++i) {
    const auto& t = titles[i];
    const int show = showIndex.at(t.at("show").get<std::string>());
    const double duration = t.at("duration").get<double>();
    int window = 0;
    for (double s = 0; s + options.clipSeconds <= duration; s += options.strideSeconds, ++window) {
      Clip c = clipFeatures(summaries[i], fps[i], s, options.clipSeconds);
      c.show = show;
      c.train = window % 2 == 0;  // interleaved split: every show is in both halves
      showClips.push_back(std::move(c));
    }
    int k = 0;
    for (const auto& e : t.at("events")) {
      const int cls = classIndex.at(e.at("class").get<std::string>());
      ++report.eventsPerTitleAndClass[i][cls];
      ++report.eventsPerClass[cls];
      Clip c = clipFeatures(summaries[i], fps[i], e.at("start").get<double>(), options.clipSeconds);
      c.show = show;
      c.cls = cls;
      c.train = k++ % 2 == 0;
      eventClips.push_back(std::move(c));
    }
  }
  report.showClips = static_cast<int>(showClips.size());
  report.eventClips = static_cast<int>(eventClips.size());
  report.show = probe(showClips, false, report.shows);
  report.eventClass = probe(eventClips, true, report.classes);
  report.showChance = 1.0 / std::max(1, report.shows);
  report.eventChance = 1.0 / std::max(1, report.classes);

  report.minEventsOfAClassInATitle = 1 << 30;
  for (const auto& row : report.eventsPerTitleAndClass)
    for (int n : row) {
      report.minEventsOfAClassInATitle = std::min(report.minEventsOfAClassInATitle, n);
      report.maxEventsOfAClassInATitle = std::max(report.maxEventsOfAClassInATitle, n);
    }
  for (const std::string& name : report.classNames) {
    int files = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir / "probe" / name, ec))
      files += entry.path().extension() == ".mp4";
    report.probeClipsPerClass.push_back(files);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return report;
}

}  // namespace binge::demo
