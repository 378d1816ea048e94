#pragma once
// Minimal leveled logging for the core. The core has no Qt, so the GUI installs a sink that forwards
// messages into its own log pane; the CLI leaves the default sink (stderr).
#include <functional>
#include <string>

namespace binge {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

using LogSink = std::function<void(LogLevel, const std::string&)>;

// Replaces the sink (thread-safe). An empty function restores the stderr sink.
void setLogSink(LogSink sink);
// Messages below this level are dropped before they reach the sink.
void setLogLevel(LogLevel level);
LogLevel logLevel();

void log(LogLevel level, const std::string& message);
inline void logInfo(const std::string& m) { log(LogLevel::Info, m); }
inline void logWarning(const std::string& m) { log(LogLevel::Warning, m); }
inline void logError(const std::string& m) { log(LogLevel::Error, m); }

}  // namespace binge
