#include "train/EventLog.h"

#include "runtime/Error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace binge {
namespace {
double nowSeconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Parses the complete lines of `text` (up to its last '\n'); returns the bytes consumed.
std::size_t parseLines(const std::string& text, std::vector<nlohmann::json>& out, int* skipped) {
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) return begin;
    if (end > begin) {
      auto event = nlohmann::json::parse(text.begin() + begin, text.begin() + end, nullptr, /*allow_exceptions=*/false);
      if (event.is_object())
        out.push_back(std::move(event));
      else if (skipped)
        ++*skipped;
    }
    begin = end + 1;
  }
}
}  // namespace

EventLog::EventLog(std::filesystem::path path) : path_(std::move(path)) {
  file_ = std::fopen(path_.c_str(), "ae");
  if (!file_) throw Error(ErrorKind::Io, path_.string() + ": cannot open for appending: " + std::strerror(errno));
}

EventLog::~EventLog() {
  if (file_) std::fclose(file_);
}

void EventLog::append(nlohmann::json event) {
  if (!event.contains("time")) event["time"] = nowSeconds();
  // Replace invalid UTF-8 (file names) instead of throwing in the middle of training.
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::lock_guard<std::mutex> lock(mutex_);
  // One fwrite of the whole line: a reader never sees half of one line followed by another.
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
    throw Error(ErrorKind::Io, path_.string() + ": cannot write event: " + std::strerror(errno));
}

std::vector<nlohmann::json> readEvents(const std::filesystem::path& path, int* skipped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Input, path.string() + ": cannot open");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<nlohmann::json> events;
  if (skipped) *skipped = 0;
  parseLines(text, events, skipped);
  return events;
}

EventLogFollower::EventLogFollower(std::filesystem::path path) : path_(std::move(path)) {}

std::vector<nlohmann::json> EventLogFollower::poll() {
  std::vector<nlohmann::json> events;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return events;  // not created yet
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::uint64_t>(in.tellg());
  if (size < offset_) offset_ = 0;  // file replaced: start over
  in.seekg(static_cast<std::streamoff>(offset_));
  std::string text(size - offset_, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  offset_ += parseLines(text, events, nullptr);
  return events;
}

}  // namespace binge
