#pragma once
// Test media made at test time with the `ffmpeg` CLI (nothing binary is committed), and scratch folders
// for it.
//  - index videos: frame n shows n as a 4 x 3 grid of big black/white blocks (bit b of n in block b),
//    which survives lossy codecs and scaling, so a decoded frame tells which source frame it is;
//  - click tracks: silence with one loud 4 ms click at a known time.
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace binge::test {

constexpr int kIndexCols = 4;
constexpr int kIndexRows = 3;

// Runs `ffmpeg -y -v error ARGS`; returns "" on success, else ffmpeg's stderr.
QString runFfmpeg(const QStringList& arguments);

// Raw rgb24 frames 0..frames-1 of size w x h in `path`.
void writeIndexFrames(const QString& path, int frames, int width, int height);
// The index shown by a decoded RGB frame (any size), or -1 when a block is neither black nor white.
int readIndex(const std::uint8_t* rgb, int width, int height);

struct IndexVideo {
  QString path;
  int frames = 0;
  double fps = 0.0;
};

// Encodes an index video (320x240) at `fps` with the given codec/container arguments (everything
// between the inputs and the output name, e.g. {"-c:v", "libx264", "-c:a", "aac"}). With audio a
// 440 Hz tone of the same length is muxed in. Returns an empty path and sets *error on failure.
IndexVideo makeIndexVideo(const QString& dir, const QString& fileName, const QStringList& codecArguments,
                          int frames, double fps, bool withAudio, QString* error,
                          const QStringList& videoFilter = {});

// Mono float samples at `rate`, silent except a click (4 ms full-scale noise burst) at clickSeconds.
std::vector<float> clickTrack(int rate, double seconds, double clickSeconds);
// Writes samples as raw f32le to `path`.
void writeFloatSamples(const QString& path, const std::vector<float>& samples);

// A scratch folder for one test run (under the test artifacts folder), emptied first.
QString scratchDir(const QString& name);

}  // namespace binge::test
