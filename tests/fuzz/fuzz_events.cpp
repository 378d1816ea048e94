// events.jsonl of a run: the GUI follows a file another process appends to and may have torn (a kill,
// a full disk), so any bytes must give the complete, valid events and skip the rest.
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "train/EventLog.h"

#include <exception>
#include <fstream>

BINGE_FUZZ_TARGET(events) {
  try {
    const binge::fuzz::MemoryFile file(data, size, "events.jsonl");
    int skipped = 0;
    (void)binge::readEvents(file.path(), &skipped);
  } catch (const std::exception&) {
  }
  // The follower sees the file grow in two parts, split where the first byte says.
  const auto path = binge::fuzz::scratchFolder() / "events.jsonl";
  try {
    const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(split));
    binge::EventLogFollower follower(path);
    (void)follower.poll();
    std::ofstream(path, std::ios::binary | std::ios::app)
        .write(reinterpret_cast<const char*>(data + split), static_cast<std::streamsize>(size - split));
    (void)follower.poll();
  } catch (const std::exception&) {
  }
  return 0;
}
