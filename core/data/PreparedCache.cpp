#include "data/PreparedCache.h"

#include "data/TitlePreparer.h"

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

PrepareReport PreparedCache::prepare(const Library& library, const std::function<void(const PrepareProgress&)>& progress,
                                     const std::atomic<bool>* cancel, int threads) const {
  const auto began = std::chrono::steady_clock::now();
  std::filesystem::create_directories(folder_);
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

  std::mutex mutex;  // guards report, next and progress calls
  size_t next = 0;
  auto worker = [&] {
    for (;;) {
      const Title* title = nullptr;
      int number = 0;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next >= todo.size() || (cancel && cancel->load())) return;
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
