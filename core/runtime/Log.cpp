#include "runtime/Log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace binge {
namespace {
std::mutex sinkMutex;
LogSink currentSink;
std::atomic<int> minimumLevel{static_cast<int>(LogLevel::Info)};

const char* levelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "?";
}
}  // namespace

void setLogSink(LogSink sink) {
  std::lock_guard<std::mutex> lock(sinkMutex);
  currentSink = std::move(sink);
}

void setLogLevel(LogLevel level) { minimumLevel = static_cast<int>(level); }
LogLevel logLevel() { return static_cast<LogLevel>(minimumLevel.load()); }

void log(LogLevel level, const std::string& message) {
  if (static_cast<int>(level) < minimumLevel) return;
  std::lock_guard<std::mutex> lock(sinkMutex);
  if (currentSink) {
    currentSink(level, message);
  } else {
    std::fprintf(stderr, "binge %s: %s\n", levelName(level), message.c_str());
  }
}

}  // namespace binge
