// The library file (library.json): a user's hand edit or another tool's output must load or be refused
// with a message, never crash.
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "library/Library.h"

#include <exception>

BINGE_FUZZ_TARGET(library) {
  const binge::fuzz::MemoryFile file(data, size, "library.json");
  try {
    const binge::Library library = binge::loadLibrary(file.path());
    (void)library.seriesNames();  // walks every title it kept
  } catch (const std::exception&) {
  }
  return 0;
}
