#pragma once
// Writes that matter (library files, configs, checkpoints' metadata) go to a temporary file in the
// same directory, are flushed to disk, then renamed over the target: a crash leaves either the old or
// the new file, never a torn one.
#include <filesystem>
#include <string>

namespace binge {

// Throws std::runtime_error naming the path and the OS reason (DiskFullError for a full disk, with the
// bytes needed and free). `writeName` names the write for the fault-injection switch (FileWrite.h).
// Temporary files of writers of `path` that were killed (their pid is gone) are removed first.
void writeFileAtomically(const std::filesystem::path& path, const std::string& contents, const char* writeName = "file");
std::string readWholeFile(const std::filesystem::path& path);

}  // namespace binge
