#include "TestMedia.h"

#include "Artifacts.h"
#include "CliRunner.h"

#include <QDir>
#include <QFile>

#include <random>

namespace binge::test {

QString runFfmpeg(const QStringList& arguments) {
  const ProcessResult r = runProgram("ffmpeg", QStringList{"-y", "-v", "error", "-nostdin"} + arguments, 300000);
  if (r.exitCode == 0) return {};
  return "ffmpeg " + arguments.join(' ') + " failed: " + QString::fromUtf8(r.err);
}

void writeIndexFrames(const QString& path, int frames, int width, int height) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  QByteArray frame(width * height * 3, 0);
  for (int n = 0; n < frames; ++n) {
    for (int y = 0; y < height; ++y) {
      const int row = y * kIndexRows / height;
      for (int x = 0; x < width; ++x) {
        const int col = x * kIndexCols / width;
        const int bit = row * kIndexCols + col;
        const char value = ((n >> bit) & 1) ? char(255) : char(0);
        char* p = frame.data() + (y * width + x) * 3;
        p[0] = p[1] = p[2] = value;
      }
    }
    file.write(frame);
  }
}

int readIndex(const std::uint8_t* rgb, int width, int height) {
  int index = 0;
  for (int row = 0; row < kIndexRows; ++row) {
    for (int col = 0; col < kIndexCols; ++col) {
      const int x = (2 * col + 1) * width / (2 * kIndexCols);
      const int y = (2 * row + 1) * height / (2 * kIndexRows);
      const std::uint8_t* p = rgb + (static_cast<size_t>(y) * width + x) * 3;
      const int luma = (p[0] + p[1] + p[2]) / 3;
      if (luma > 60 && luma < 195) return -1;
      if (luma >= 195) index |= 1 << (row * kIndexCols + col);
    }
  }
  return index;
}

IndexVideo makeIndexVideo(const QString& dir, const QString& fileName, const QStringList& codecArguments,
                          int frames, double fps, bool withAudio, QString* error, const QStringList& videoFilter) {
  const QString raw = dir + "/index-" + QString::number(frames) + ".rgb";
  if (!QFile::exists(raw)) writeIndexFrames(raw, frames, 320, 240);
  QStringList args{"-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "320x240", "-r", QString::number(fps), "-i", raw};
  if (withAudio) {
    args << "-f" << "lavfi" << "-i"
         << QString("sine=frequency=440:sample_rate=44100:duration=%1").arg(frames / fps);
  }
  args << videoFilter << codecArguments;
  if (withAudio) args << "-shortest";
  const QString out = dir + "/" + fileName;
  args << out;
  const QString failure = runFfmpeg(args);
  if (!failure.isEmpty()) {
    if (error) *error = failure;
    return {};
  }
  return {out, frames, fps};
}

std::vector<float> clickTrack(int rate, double seconds, double clickSeconds) {
  std::vector<float> samples(static_cast<size_t>(rate * seconds), 0.0f);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> noise(-0.9f, 0.9f);
  const size_t first = static_cast<size_t>(clickSeconds * rate);
  for (size_t i = first; i < first + static_cast<size_t>(0.004 * rate) && i < samples.size(); ++i) samples[i] = noise(rng);
  return samples;
}

void writeFloatSamples(const QString& path, const std::vector<float>& samples) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  file.write(reinterpret_cast<const char*>(samples.data()), static_cast<qint64>(samples.size() * sizeof(float)));
}

QString scratchDir(const QString& name) {
  const QString dir = artifactDir() + "/" + name;
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  return dir;
}

}  // namespace binge::test
