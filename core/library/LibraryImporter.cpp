#include "library/LibraryImporter.h"

#include "library/TitleNaming.h"
#include "media/MediaError.h"
#include "media/MediaProbe.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <thread>

namespace binge {
namespace fs = std::filesystem;
namespace {

std::string lowerExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// Files next to movies that are never movies themselves. Named files are always probed; this list
// only keeps folder scans quiet.
bool isSideFile(const fs::path& path) {
  static const std::set<std::string> side = {".srt", ".sub", ".idx", ".ass", ".ssa", ".vtt", ".nfo", ".txt",
                                             ".md",  ".json", ".xml", ".jpg", ".jpeg", ".png", ".gif",
                                             ".bmp", ".tbn",  ".pdf", ".db",  ".ini",  ".log", ".part",
                                             ".lock", ".partial"};  // Binge's own lock and temporary files
  return side.count(lowerExtension(path)) > 0;
}

bool hasMediaExtension(const fs::path& path) {
  static const std::set<std::string> media = {".mp4", ".m4v", ".mkv", ".webm", ".avi", ".mov", ".mpg",
                                              ".mpeg", ".ts", ".m2ts", ".ogv", ".ogg", ".wmv", ".flv"};
  return media.count(lowerExtension(path)) > 0;
}

std::string absoluteText(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  return absolute.lexically_normal().string();
}

struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  bool ok = false;
};

FileStamp stampOf(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {static_cast<std::uint64_t>(st.st_size), static_cast<std::int64_t>(st.st_mtime), true};
}

}  // namespace

LibraryImporter::LibraryImporter(ImportOptions options) : options_(options) {}

void LibraryImporter::setProgressCallback(ProgressCallback callback) { progress_ = std::move(callback); }
void LibraryImporter::setCancelFlag(const std::atomic<bool>* cancel) { cancel_ = cancel; }

std::vector<fs::path> LibraryImporter::collectFiles(const std::vector<fs::path>& paths,
                                                    std::vector<ImportIssue>& issues) {
  std::vector<fs::path> files;
  std::set<std::string> seen;
  auto add = [&](const fs::path& file) {
    const std::string text = absoluteText(file);
    if (seen.insert(text).second) files.emplace_back(text);
  };
  for (const fs::path& root : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      issues.push_back({absoluteText(root), "does not exist"});
      continue;
    }
    if (!fs::is_directory(status)) {
      add(root);  // named explicitly: probed whatever its name
      continue;
    }
    if (hasMediaExtension(root)) {
      issues.push_back({absoluteText(root), "is a directory, not a media file"});
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      issues.push_back({absoluteText(root), "cannot list folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        issues.push_back({absoluteText(it->path()), "cannot list folder: " + ec.message()});
        break;
      }
      const fs::path& entry = it->path();
      const std::string name = entry.filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_directory(ec)) {
        if (hasMediaExtension(entry)) {
          issues.push_back({absoluteText(entry), "is a directory, not a media file"});
          it.disable_recursion_pending();
        }
        continue;
      }
      if (isSideFile(entry)) continue;
      add(entry);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Title LibraryImporter::probeTitle(const fs::path& file, bool checkDecode) {
  Title title;
  title.path = absoluteText(file);
  title.id = titleIdForPath(title.path);
  const TitleNaming naming = nameTitle(title.path);
  title.name = naming.name;
  title.kind = naming.kind;
  title.series = naming.series;
  const FileStamp stamp = stampOf(title.path);
  title.size = stamp.size;
  title.mtime = stamp.mtime;
  try {
    const media::MediaInfo info = media::probeMedia(title.path, checkDecode);
    title.duration = info.duration;
    if (info.video) {
      VideoStreamInfo video;
      video.codec = info.video->codec;
      video.width = info.video->width;
      video.height = info.video->height;
      video.fps = info.video->fps;
      video.timeBaseNum = info.video->timeBaseNum;
      video.timeBaseDen = info.video->timeBaseDen;
      video.rotation = info.video->rotation;
      title.video = video;
    }
    if (info.audio) {
      AudioStreamInfo audio;
      audio.codec = info.audio->codec;
      audio.sampleRate = info.audio->sampleRate;
      audio.channels = info.audio->channels;
      audio.sampleFormat = info.audio->sampleFormat;
      title.audio = audio;
    }
    const bool stillImage = info.formatName.find("image2") != std::string::npos ||
                            info.formatName.find("_pipe") != std::string::npos;
    if (!info.video) {
      title.status = TitleStatus::Error;
      title.message = info.audio ? "no video stream (audio only)" : "no video or audio stream";
    } else if (stillImage) {
      title.status = TitleStatus::Error;
      title.message = "a still image, not a movie";
    } else if (!(info.duration > 0.0)) {
      title.status = TitleStatus::Error;
      title.message = "zero or unknown duration";
    } else if (!info.videoDecodeProblem.empty()) {
      title.status = TitleStatus::Error;
      title.message = "video does not decode: " + info.videoDecodeProblem;
    } else if (!info.audio) {
      title.status = TitleStatus::Warning;
      title.message = "no audio stream: can be browsed, excluded from training";
    }
  } catch (const media::MediaError& e) {
    title.status = TitleStatus::Error;
    title.message = e.reason();
  } catch (const std::exception& e) {
    title.status = TitleStatus::Error;
    title.message = e.what();
  }
  return title;
}

ImportReport LibraryImporter::import(Library& library, const std::vector<fs::path>& paths) {
  ImportReport report;
  const std::vector<fs::path> files = collectFiles(paths, report.errors);
  report.filesSeen = files.size();

  // Decide what needs probing: new files and files whose size or mtime changed.
  std::vector<std::size_t> toProbe;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = files[i].string();
    const Title* existing = library.findByPath(path);
    const FileStamp stamp = stampOf(path);
    if (existing && stamp.ok && existing->size == stamp.size && existing->mtime == stamp.mtime) {
      ++report.unchanged;
      if (existing->status == TitleStatus::Error) report.errors.push_back({path, existing->message});
      if (existing->status == TitleStatus::Warning) report.warnings.push_back({path, existing->message});
      continue;
    }
    toProbe.push_back(i);
  }

  std::vector<Title> probed(toProbe.size());
  std::vector<char> finished(toProbe.size(), 0);  // not vector<bool>: threads write neighbours
  std::atomic<std::size_t> next{0};
  std::mutex progressMutex;
  std::size_t done = 0;
  auto worker = [&] {
    for (;;) {
      if (cancel_ && cancel_->load()) return;
      const std::size_t k = next.fetch_add(1);
      if (k >= toProbe.size()) return;
      const fs::path& file = files[toProbe[k]];
      probed[k] = probeTitle(file, options_.checkDecode);
      finished[k] = 1;  // distinct elements per thread; read after join
      std::lock_guard<std::mutex> lock(progressMutex);
      ++done;
      if (progress_) progress_({done, toProbe.size(), file.string()});
    }
  };
  const int threads = std::max(1, std::min<int>(options_.threads, static_cast<int>(toProbe.size())));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
  report.cancelled = cancel_ && cancel_->load() && next.load() < toProbe.size();

  std::set<std::string> ids;
  for (const Title& title : library.titles) ids.insert(title.id);
  for (std::size_t k = 0; k < toProbe.size(); ++k) {
    if (!finished[k]) continue;
    Title& fresh = probed[k];
    if (fresh.status == TitleStatus::Error) report.errors.push_back({fresh.path, fresh.message});
    if (fresh.status == TitleStatus::Warning) report.warnings.push_back({fresh.path, fresh.message});
    Title* existing = nullptr;
    for (Title& title : library.titles)
      if (title.path == fresh.path) existing = &title;
    if (existing) {
      fresh.id = existing->id;  // ids never change once given
      if (existing->userEdited) {
        fresh.name = existing->name;
        fresh.kind = existing->kind;
        fresh.series = existing->series;
        fresh.userEdited = true;
      }
      *existing = std::move(fresh);
      ++report.updated;
      continue;
    }
    // Two paths hashing alike: keep ids unique with a suffix.
    const std::string base = fresh.id;
    for (int n = 2; ids.count(fresh.id); ++n) fresh.id = base + "-" + std::to_string(n);
    ids.insert(fresh.id);
    library.titles.push_back(std::move(fresh));
    ++report.added;
  }
  nameSameNamedFilesApart(library.titles);
  return report;
}

}  // namespace binge
