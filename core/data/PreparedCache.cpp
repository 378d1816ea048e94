#include "data/PreparedCache.h"

#include "data/TitlePreparer.h"
#include "runtime/DiskSpace.h"

#include <cmath>
#include <chrono>
#include <mutex>
#include <thread>

namespace binge {

PreparedCache::PreparedCache(std::filesystem::path folder, CacheGeometry geometry)
    : folder_(std::move(folder)), geometry_(geometry) {}

std::filesystem::path PreparedCache::defaultFolder(const std::filesystem::path& libraryFile, const CacheGeometry& geometry) {
  return std::filesystem::absolute(libraryFile).parent_path() / ".binge-cache" / geometry.key();
}

std::filesystem::path PreparedCache::fileFor(const Title& title) const { return folder_ / (title.id + ".bcache"); }

CacheCheck PreparedCache::check(const Title& title) const {
  try {
    PreparedTitle prepared(fileFor(title), title, geometry_);
    return {true, {}};
  } catch (const CacheInvalid& e) {
    return {false, e.what()};
  }
}

std::uint64_t PreparedCache::minimumBytesFor(const Title& title) const {
  const double seconds = std::max(0.0, title.duration);
  const double frames = std::ceil(seconds * geometry_.fps);
  const double pcm = title.audio ? seconds * geometry_.sampleRate * 2 : 0;
  const double melFrames = title.audio ? seconds * 1000.0 / geometry_.hopMs : 0;
  // 0.05 bytes per pixel: a flat grey frame at quality 90; real frames take 3–20× more.
  const double pixels = static_cast<double>(geometry_.shortSide) * geometry_.shortSide * 16.0 / 9.0;
  const double jpeg = frames * pixels * 0.05;
  return static_cast<std::uint64_t>(sizeof(CacheHeader) + frames * sizeof(FrameEntry) + pcm +
                                    melFrames * geometry_.melBins * 2 + jpeg);
}

PrepareReport PreparedCache::prepare(const Library& library, const std::function<void(const PrepareProgress&)>& progress,
                                     const std::atomic<bool>* cancel, int threads) const {
  const auto began = std::chrono::steady_clock::now();
  std::filesystem::create_directories(folder_);
  // A killed prepare leaves its temporary file behind; nothing reads them, so clear them first.
  for (const auto& entry : std::filesystem::directory_iterator(folder_))
    if (entry.path().extension() == ".partial") std::filesystem::remove(entry.path());
  PrepareReport report;
  std::vector<const Title*> todo;
  for (const Title& t : library.titles) {
    if (!t.trainable()) {
      ++report.skipped;
    } else if (check(t).valid) {
      ++report.upToDate;
      report.bytes += std::filesystem::file_size(fileFor(t));
      report.sourceSeconds += t.duration;
    } else {
      todo.push_back(&t);
    }
  }

  std::uint64_t needed = 0;
  for (const Title* t : todo) needed += minimumBytesFor(*t);
  if (const std::uint64_t free = availableBytes(folder_); needed > free)
    throw DiskFullError(folder_, needed, free,
                        "not enough space for the clip cache in " + folder_.string() + ": at least " + formatBytes(needed) +
                            " needed for " + std::to_string(todo.size()) + " titles, " + formatBytes(free) + " free");

  std::atomic<bool> diskFull{false};
  std::mutex mutex;  // guards report, next and progress calls
  size_t next = 0;
  auto worker = [&] {
    for (;;) {
      const Title* title = nullptr;
      int number = 0;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next >= todo.size() || (cancel && cancel->load()) || diskFull) return;
        number = static_cast<int>(++next);
        title = todo[next - 1];
      }
      auto report_progress = [&](double fraction) {
        if (!progress) return;
        std::lock_guard<std::mutex> lock(mutex);
        progress({number, static_cast<int>(todo.size()), title->id, fraction});
      };
      try {
        const auto summary = prepareTitle(*title, geometry_, fileFor(*title), report_progress, cancel);
        std::lock_guard<std::mutex> lock(mutex);
        ++report.prepared;
        report.bytes += summary.bytes;
        report.sourceSeconds += title->duration;
      } catch (const DiskFullError& e) {
        // Every later title would fail the same way: stop them all at the first full write.
        std::lock_guard<std::mutex> lock(mutex);
        diskFull = true;
        if (report.diskFull.empty()) report.diskFull = e.what();
        report.failures.push_back({title->id, title->path, e.what()});
        return;
      } catch (const PrepareCancelled&) {
        std::lock_guard<std::mutex> lock(mutex);
        report.cancelled = true;
        return;
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex);
        report.failures.push_back({title->id, title->path, e.what()});
      }
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, threads); ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  report.cancelled = report.cancelled || (cancel && cancel->load());
  report.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return report;
}

}  // namespace binge
