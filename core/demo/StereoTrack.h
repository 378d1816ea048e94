#pragma once
// A title's whole soundtrack as two float channels, mixed in place by the scene, voice, theme and
// event synthesisers before it is handed to the encoder.
#include <cmath>
#include <cstddef>
#include <vector>

namespace binge::demo {

struct StereoTrack {
  int sampleRate = 16000;
  std::vector<float> left, right;

  StereoTrack(int rate, double seconds)
      : sampleRate(rate),
        left(static_cast<std::size_t>(std::llround(seconds * rate))),
        right(left.size()) {}

  std::size_t size() const { return left.size(); }
  // The sample at which something that happens at `seconds` starts.
  long sampleAt(double seconds) const { return std::lround(seconds * sampleRate); }
  // pan: 0 = left, 0.5 = centre, 1 = right (constant power).
  void add(long i, float value, float gainLeft, float gainRight) {
    if (i < 0 || static_cast<std::size_t>(i) >= left.size()) return;
    left[i] += value * gainLeft;
    right[i] += value * gainRight;
  }
  void add(long i, float value) { add(i, value, 0.7071f, 0.7071f); }
};

}  // namespace binge::demo
