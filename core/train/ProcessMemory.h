#pragma once
// Resident memory of this process, for step events and the "RSS stays flat" check. Torch-free.
namespace binge {

double currentRssMb();  // from /proc/self/statm; 0 when unavailable
double peakRssMb();     // getrusage ru_maxrss

}  // namespace binge
