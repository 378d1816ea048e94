#include "library/LibraryLock.h"

namespace binge {

FileLock lockLibraryFile(const std::filesystem::path& libraryFile, const std::string& holder, double seconds,
                         void (*waiting)(const std::string&)) {
  const auto absolute = std::filesystem::absolute(libraryFile);
  std::filesystem::create_directories(absolute.parent_path());
  return FileLock::acquireWaiting(absolute.string() + ".lock", "library " + absolute.string(), holder, seconds, waiting);
}

}  // namespace binge
