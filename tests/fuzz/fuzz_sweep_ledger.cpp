// sweep.json alone: the ledger a restarted sweep, `sweep --report` and the GUI's Experiments tab read
// while another process rewrites it. The fast companion of run_files (which also reads the runs).
#include "FuzzTarget.h"
#include "MemoryFile.h"

#include "experiments/SweepLedger.h"

#include <exception>
#include <fstream>

BINGE_FUZZ_TARGET(sweep_ledger) {
  const auto folder = binge::fuzz::scratchFolder() / "ledger";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / binge::SweepLedger::kFile, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const binge::SweepLedger ledger = binge::SweepLedger::load(folder);
    for (const auto& run : ledger.plan.runs()) (void)ledger.runs.count(run.name);
    (void)binge::toJson(ledger.plan).dump();
  } catch (const std::exception&) {
  }
  return 0;
}
