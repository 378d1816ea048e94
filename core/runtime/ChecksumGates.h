#pragma once
// Checksums guard the cache files and checkpoints against damage. A fuzz build (-DBINGE_FUZZ=ON, see
// docs/reliability.md) turns these gates off so that mutated files reach the parsers behind them;
// every other build keeps them.
namespace binge {

#ifdef BINGE_FUZZING
constexpr bool kChecksumGates = false;
#else
constexpr bool kChecksumGates = true;
#endif

}  // namespace binge
