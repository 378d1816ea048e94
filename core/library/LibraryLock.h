#pragma once
// One writer of a library file at a time: an import reads the library, adds titles
// and writes it back, so two imports at once (two shells, the GUI and a shell) would each write their
// own additions over the other's. Every writer holds this lock from its read to its write; a second one
// waits for the first, then reads what the first wrote. The lock file sits beside the library
// (library.json.lock) and names its holder.
#include "runtime/FileLock.h"

#include <filesystem>
#include <string>

namespace binge {

// Waits up to `seconds`, calling `waiting` once with the holder's description if it has to wait; then
// throws LockedError naming the holder.
FileLock lockLibraryFile(const std::filesystem::path& libraryFile, const std::string& holder, double seconds = 120,
                         void (*waiting)(const std::string& holderDescription) = nullptr);

}  // namespace binge
