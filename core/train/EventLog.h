#pragma once
// events.jsonl of a run directory (docs/architecture.md, Files): one JSON object per line, field "type" ∈ step |
// probe | batch | checkpoint | status | error. The trainer appends; the GUI follows the file while it grows. A reader
// must tolerate a partial last line — the trainer may be mid-write or may have been killed. Torch-free: the GUI
// includes this header.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace binge {

// Appends events, one line each, flushed after every line so a follower sees whole events promptly.
// Thread-safe.
class EventLog {
 public:
  explicit EventLog(std::filesystem::path path);  // opens for appending; throws naming the path
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Adds "time" (seconds since the epoch) when the event has none.
  void append(nlohmann::json event);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::mutex mutex_;
};

// Every complete event of the file. A last line without its newline (a write in progress or cut by a
// kill) is left out; a complete line that is not valid JSON is skipped too (counted in `skipped`).
std::vector<nlohmann::json> readEvents(const std::filesystem::path& path, int* skipped = nullptr);

// Incremental reader for a growing file: each poll() returns the complete events appended since the last
// call and keeps a partial last line for the next one.
class EventLogFollower {
 public:
  explicit EventLogFollower(std::filesystem::path path);
  std::vector<nlohmann::json> poll();
  std::uint64_t offset() const { return offset_; }

 private:
  std::filesystem::path path_;
  std::uint64_t offset_ = 0;  // bytes of complete lines consumed
};

}  // namespace binge
