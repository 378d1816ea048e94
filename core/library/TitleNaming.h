#pragma once
// Kind, series and display name of a title from its path alone.
//
// Rules, first match wins:
//  1. The file name holds an episode tag, `SxxEyy` (S01E02, s1e2) or `NxMM` (1x02): an episode. The
//     series is the text before the tag ("Friends.S01E02.mkv" -> "Friends"); where that is empty, the
//     folder is (skipping a "Season N" folder: "Friends/Season 1/S01E02.mkv" -> "Friends").
//  2. The file sits in a folder named "Season N" / "SN": an episode of the folder above.
//  3. Otherwise a movie with no series.
// Separators '.', '_', control characters and runs of spaces become single spaces; a trailing " -" is
// dropped.
#include "library/Title.h"

#include <filesystem>
#include <string>
#include <vector>

namespace binge {

struct TitleNaming {
  TitleKind kind = TitleKind::Movie;
  std::string series;   // empty for movies
  std::string name;     // display name: the file name without its extension (control characters as spaces)
  int season = -1;      // from the tag, -1 when unknown
  int episode = -1;
};

TitleNaming nameTitle(const std::filesystem::path& file);

// Files of one folder that differ only in their container (movie.mp4, movie.avi) would show as one name
// repeated: each of them is named with its extension, "movie (avi)". Names a user edited stay; the rest
// are recomputed from the path, so the rule gives the same names however often it runs.
void nameSameNamedFilesApart(std::vector<Title>& titles);

// A stable, unique-looking id from the absolute path: 8 hex digits of a 64-bit FNV-1a hash of the
// path, a dash, and the file stem reduced to [a-z0-9-] (at most 40 characters). The same path always
// gives the same id; the importer resolves the (unlikely) collisions.
std::string titleIdForPath(const std::string& absolutePath);

}  // namespace binge
