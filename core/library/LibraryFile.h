#pragma once
// The library's JSON form (docs/architecture.md, Files). loadLibrary/saveLibrary (declared in Library.h) use these;
// they are public so tests and the GUI can round-trip a library without touching the disk.
//
// Layout: {"format": "binge-library", "version": 1, "titles": [{"id", "path", "name", "size", "mtime",
// "kind", "series", "duration", "video": {codec, width, height, fps, time_base: [num, den], rotation}
// or null, "audio": {codec, sample_rate, channels, sample_format} or null, "status", "message",
// "user_edited"}, ...]}
#include "library/Library.h"

#include <nlohmann/json.hpp>

namespace binge {

nlohmann::json libraryToJson(const Library& library);
// Throws std::runtime_error naming `source` (a file name, for messages) and the offending field.
Library libraryFromJson(const nlohmann::json& document, const std::string& source);

}  // namespace binge
