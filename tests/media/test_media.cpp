// The media core: probe, log-mel, and the clip decoder's frame accuracy, audio alignment, fast paths
// and damaged input. All media is generated here with the ffmpeg CLI.
#include "CliRunner.h"
#include "TestMedia.h"

#include "media/ClipDecoder.h"
#include "media/LogMel.h"
#include "media/MediaError.h"
#include "media/MediaProbe.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <QDir>

#include <cmath>
#include <complex>
#include <cstring>
#include <random>

using namespace binge;
using namespace binge::media;
using namespace binge::test;

namespace {

constexpr double kSourceFps = 25.0;
constexpr int kSourceFrames = 300;  // 12 s

// Index of the source frame a player shows at time t, for a constant-rate video whose first frame is
// shown at `offset`.
int expectedIndex(double t, double offset, int frames) {
  const int n = static_cast<int>(std::floor((t - offset) * kSourceFps + 1e-6));
  return std::clamp(n, 0, frames - 1);
}

// Mel frame with the most energy (summed over bins).
int loudestMelFrame(const DecodedClip& clip) {
  int best = -1;
  double bestEnergy = -1e30;
  for (int f = 0; f < clip.melFrames; ++f) {
    double energy = 0.0;
    for (int m = 0; m < clip.melBins; ++m) energy += clip.logMel[static_cast<size_t>(m) * clip.melFrames + f];
    if (energy > bestEnergy) {
      bestEnergy = energy;
      best = f;
    }
  }
  return best;
}

}  // namespace

class TestMedia : public QObject {
  Q_OBJECT

  QString dir_;
  QMap<QString, QString> videos_;  // container row name -> path

  QString video(const QString& name) {
    if (!videos_.contains(name)) qFatal("no test video %s", qPrintable(name));
    return videos_[name];
  }

  // Decodes clips at random starts and rates and checks every frame's index.
  void checkRandomClips(const QString& path, int clips, std::uint32_t seed) {
    ClipDecoder decoder(path.toStdString());
    ClipSpec spec;
    spec.width = 96;
    spec.height = 72;
    spec.decodeAudio = false;
    spec.frames = 1;
    const double offset = decoder.decode(0.0, spec).framePts[0];
    std::mt19937 rng(seed);
    const double rates[] = {4.0, 8.0, 12.5, 16.0, 25.0, 30.0};
    const double duration = kSourceFrames / kSourceFps;
    for (int k = 0; k < clips; ++k) {
      spec.frames = 8;
      spec.fps = rates[rng() % 6];
      double start = 0.0;
      for (;;) {  // keep every target 2 ms away from a frame boundary so rounding cannot flip it
        start = std::uniform_real_distribution<double>(0.0, duration - 0.2)(rng);
        bool clear = true;
        for (int i = 0; i < spec.frames; ++i) {
          const double position = (start + i / spec.fps - offset) * kSourceFps;
          if (std::abs(position - std::round(position)) < 0.05) clear = false;
        }
        if (clear) break;
      }
      const DecodedClip clip = decoder.decode(start, spec);
      QCOMPARE(clip.frames, 8);
      for (int i = 0; i < clip.frames; ++i) {
        const double t = start + i / spec.fps;
        const int want = expectedIndex(t, offset, kSourceFrames);
        const int got = readIndex(clip.frame(i), clip.width, clip.height);
        QVERIFY2(got == want, qPrintable(QString("%1: clip at %2 s, %3 fps, frame %4 (t=%5): index %6 (pts %8), expected %7 (offset %9)")
                                             .arg(path).arg(start).arg(spec.fps).arg(i).arg(t).arg(got).arg(want)
                                             .arg(clip.framePts[i]).arg(offset)));
      }
      const bool pastEnd = start + (spec.frames - 1) / spec.fps >= offset + duration;
      QCOMPARE(clip.videoPastEnd, pastEnd);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    dir_ = scratchDir("media");
    struct Row {
      const char* name;
      const char* file;
      QStringList args;
    };
    const QList<Row> rows = {
        {"mp4 H.264+AAC", "h264.mp4", {"-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-bf", "3", "-pix_fmt", "yuv420p", "-c:a", "aac"}},
        {"webm VP9+Opus", "vp9.webm", {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "50", "-b:v", "1M", "-c:a", "libopus"}},
        {"mkv VP8+Vorbis", "vp8.mkv", {"-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-g", "40", "-b:v", "1M", "-c:a", "libvorbis"}},
        {"avi MJPEG+PCM", "mjpeg.avi", {"-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p", "-c:a", "pcm_s16le"}},
        {"ogg Theora+Vorbis", "theora.ogg", {"-c:v", "libtheora", "-q:v", "7", "-g", "40", "-c:a", "libvorbis"}},
        {"mpeg MPEG-2+MP2", "mpeg2.mpeg", {"-c:v", "mpeg2video", "-q:v", "3", "-g", "15", "-bf", "0", "-c:a", "mp2", "-f", "mpeg"}},
    };
    for (const Row& row : rows) {
      QString error;
      const IndexVideo v = makeIndexVideo(dir_, row.file, row.args, kSourceFrames, kSourceFps, true, &error);
      QVERIFY2(!v.path.isEmpty(), qPrintable(error));
      videos_[row.name] = v.path;
    }
  }

  void logMelMatchesADirectDft() {
    LogMelExtractor mel(16000, 64, 25.0, 10.0);
    QCOMPARE(mel.fftSize(), 400);
    QCOMPARE(mel.hop(), 160);
    QCOMPARE(mel.frameCount(16000), 101);
    std::vector<float> x(16000);
    std::mt19937 rng(3);
    std::normal_distribution<float> noise(0.0f, 0.2f);
    for (size_t i = 0; i < x.size(); ++i) x[i] = noise(rng) + 0.5f * std::sin(2 * M_PI * 1000.0 * i / 16000.0);
    const std::vector<float> out = mel.compute(x);
    QCOMPARE(out.size(), size_t(64 * 101));
    // Frame 50 by a plain DFT of the centred, Hann-windowed frame.
    const int n = 400, frame = 50;
    std::vector<double> power(n / 2 + 1);
    for (int k = 0; k <= n / 2; ++k) {
      std::complex<double> sum = 0.0;
      for (int i = 0; i < n; ++i) {
        const double w = 0.5 - 0.5 * std::cos(2 * M_PI * i / n);
        sum += w * x[frame * 160 - n / 2 + i] * std::polar(1.0, -2 * M_PI * k * i / n);
      }
      power[k] = std::norm(sum);
    }
    for (int m = 0; m < 64; ++m) {
      double energy = 0.0;
      for (int k = 0; k <= n / 2; ++k) energy += mel.filterbank()[m * (n / 2 + 1) + k] * power[k];
      QVERIFY2(std::abs(std::log(energy + 1e-6) - out[m * 101 + frame]) < 1e-3, qPrintable(QString("mel %1").arg(m)));
    }
    // The 1 kHz tone peaks in the mel bin whose centre is nearest 1 kHz (HTK: 1000 Hz = 1000 mel).
    int loudest = 0;
    for (int m = 1; m < 64; ++m)
      if (out[m * 101 + frame] > out[loudest * 101 + frame]) loudest = m;
    const double centre = 700.0 * (std::pow(10.0, 2595.0 * std::log10(1 + 8000.0 / 700) * (loudest + 1) / 65 / 2595.0) - 1);
    QVERIFY2(std::abs(centre - 1000.0) < 120.0, qPrintable(QString::number(centre)));
  }

  void probeReadsStreams_data() {
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("videoCodec");
    QTest::addColumn<QString>("audioCodec");
    QTest::newRow("mp4") << "mp4 H.264+AAC" << "h264" << "aac";
    QTest::newRow("webm") << "webm VP9+Opus" << "vp9" << "opus";
    QTest::newRow("mkv") << "mkv VP8+Vorbis" << "vp8" << "vorbis";
    QTest::newRow("avi") << "avi MJPEG+PCM" << "mjpeg" << "pcm_s16le";
    QTest::newRow("ogg") << "ogg Theora+Vorbis" << "theora" << "vorbis";
    QTest::newRow("mpeg") << "mpeg MPEG-2+MP2" << "mpeg2video" << "mp2";
  }
  void probeReadsStreams() {
    QFETCH(QString, row);
    QFETCH(QString, videoCodec);
    QFETCH(QString, audioCodec);
    const MediaInfo info = probeMedia(video(row).toStdString(), true);
    QVERIFY(info.video.has_value());
    QVERIFY(info.audio.has_value());
    QCOMPARE(QString::fromStdString(info.video->codec), videoCodec);
    QCOMPARE(QString::fromStdString(info.audio->codec), audioCodec);
    QCOMPARE(info.video->width, 320);
    QCOMPARE(info.video->height, 240);
    QVERIFY2(std::abs(info.video->fps - 25.0) < 0.5 || row.contains("Theora"), qPrintable(QString::number(info.video->fps)));
    QVERIFY2(std::abs(info.duration - 12.0) < 0.15, qPrintable(QString::number(info.duration)));
    QVERIFY(info.videoDecodeProblem.empty());
    QCOMPARE(info.video->intraOnly, row.contains("MJPEG"));
  }

  void framesAreAccurate_data() {
    QTest::addColumn<QString>("row");
    for (const char* name : {"mp4 H.264+AAC", "webm VP9+Opus", "mkv VP8+Vorbis", "avi MJPEG+PCM", "ogg Theora+Vorbis",
                             "mpeg MPEG-2+MP2"})
      QTest::newRow(name) << QString(name);
  }
  void framesAreAccurate() {
    QFETCH(QString, row);
    checkRandomClips(video(row), 25, 11);
  }

  void variableFrameRateIsAccurate() {
    // Frames 0..99 at 25 fps, then 5 fps: frame n is shown from pts(n) (both exact in the 1/25 time base).
    QString error;
    const IndexVideo v = makeIndexVideo(
        dir_, "vfr.mkv", {"-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-fps_mode", "vfr"}, 200, kSourceFps,
        false, &error, {"-vf", "setpts='if(lt(N,100),N/25,4+(N-100)/5)/TB'"});
    QVERIFY2(!v.path.isEmpty(), qPrintable(error));
    // setpts rounds its results into the time base, so the truth is what ffprobe reads back.
    const ProcessResult probe = runProgram("ffprobe", {"-v", "error", "-select_streams", "v", "-show_entries",
                                                       "frame=pts_time", "-of", "csv=p=0", v.path});
    std::vector<double> truth;
    for (const QByteArray& line : probe.out.split('\n'))
      if (!line.trimmed().isEmpty()) truth.push_back(line.trimmed().toDouble());
    QCOMPARE(truth.size(), size_t(200));
    QVERIFY(truth[150] - truth[149] > 0.15);  // really variable
    auto pts = [&](int n) { return truth[n]; };
    ClipDecoder decoder(v.path.toStdString());
    ClipSpec spec;
    spec.decodeAudio = false;
    spec.width = 64;
    spec.height = 48;
    std::mt19937 rng(5);
    for (int k = 0; k < 30; ++k) {
      spec.fps = (k % 2) ? 8.0 : 16.0;
      const double start = std::uniform_real_distribution<double>(0.0, 23.0)(rng);
      const DecodedClip clip = decoder.decode(start, spec);
      for (int i = 0; i < spec.frames; ++i) {
        const double t = start + i / spec.fps;
        int want = 0;
        while (want + 1 < 200 && pts(want + 1) <= t + 1e-9) ++want;
        if (std::abs(pts(want + 1 < 200 ? want + 1 : want) - t) < 0.002 || std::abs(pts(want) - t) < 0.002) continue;
        QCOMPARE(readIndex(clip.frame(i), clip.width, clip.height), want);
        QVERIFY2(std::abs(clip.framePts[i] - pts(want)) < 0.002,
                 qPrintable(QString("clip at %1, frame %2: pts %3, expected %4").arg(start).arg(i).arg(clip.framePts[i]).arg(pts(want))));
      }
    }
  }

  void forwardDecodingSkipsTheSeek() {
    ClipDecoder decoder(video("mp4 H.264+AAC").toStdString());
    ClipSpec spec;  // 8 frames at 8 fps, 1 s of audio
    spec.width = 64;
    spec.height = 48;
    decoder.decode(2.3, spec);
    QCOMPARE(decoder.stats().seeks, 1L);
    for (double start : {3.45, 4.55, 5.62}) {
      const DecodedClip clip = decoder.decode(start, spec);
      for (int i = 0; i < 8; ++i)
        QCOMPARE(readIndex(clip.frame(i), clip.width, clip.height), expectedIndex(start + i / 8.0, 0.0, kSourceFrames));
      QVERIFY(!clip.audioPadded);
    }
    QCOMPARE(decoder.stats().seeks, 1L);
    QCOMPARE(decoder.stats().forwardSkips, 3L);
    decoder.decode(10.1, spec);  // far ahead: a seek is cheaper than decoding 4 s forward
    QCOMPARE(decoder.stats().seeks, 2L);
    decoder.decode(1.1, spec);  // backwards always seeks
    QCOMPARE(decoder.stats().seeks, 3L);
  }

  void onlyNeededFramesAreDecodedAndConverted() {
    // H.264 with B-frames and a 4 s GOP: a clip near the end of a GOP needs the GOP's reference
    // frames decoded but not its non-reference ones; only the 8 kept frames are converted.
    QString error;
    const IndexVideo v = makeIndexVideo(dir_, "longgop.mp4",
                                        {"-c:v", "libx264", "-preset", "veryfast", "-g", "100", "-keyint_min", "100",
                                         "-sc_threshold", "0", "-bf", "3", "-b-pyramid", "none"},
                                        kSourceFrames, kSourceFps, false, &error);
    QVERIFY2(!v.path.isEmpty(), qPrintable(error));
    ClipDecoder decoder(v.path.toStdString());
    ClipSpec spec;
    spec.width = 64;
    spec.height = 48;
    const double start = 7.01;  // keyframe at 4 s: 75 frames before the start, 25 in the clip
    const DecodedClip clip = decoder.decode(start, spec);
    for (int i = 0; i < 8; ++i)
      QCOMPARE(readIndex(clip.frame(i), clip.width, clip.height), expectedIndex(start + i / 8.0, 0.0, kSourceFrames));
    const DecoderStats& s = decoder.stats();
    QCOMPARE(s.framesConverted, 8L);
    QVERIFY2(s.framesDecoded < 75, qPrintable(QString("decoded %1 frames").arg(s.framesDecoded)));
    QVERIFY2(s.framesDecoded >= 20, qPrintable(QString("decoded %1 frames").arg(s.framesDecoded)));
  }

  void intraOnlyCodecsSkipUnneededPackets() {
    ClipDecoder decoder(video("avi MJPEG+PCM").toStdString());
    ClipSpec spec;  // 8 frames at 8 fps out of a 25 fps source
    spec.width = 64;
    spec.height = 48;
    const DecodedClip clip = decoder.decode(5.01, spec);
    for (int i = 0; i < 8; ++i)
      QCOMPARE(readIndex(clip.frame(i), clip.width, clip.height), expectedIndex(5.01 + i / 8.0, 0.0, kSourceFrames));
    QVERIFY2(decoder.stats().framesDecoded <= 9, qPrintable(QString::number(decoder.stats().framesDecoded)));
    QVERIFY(decoder.stats().packetsSkipped >= 10);
  }

  void shortSideKeepsAspect() {
    ClipDecoder decoder(video("mp4 H.264+AAC").toStdString());
    ClipSpec spec;
    spec.shortSide = 72;
    const DecodedClip clip = decoder.decode(1.0, spec);
    QCOMPARE(clip.height, 72);
    QCOMPARE(clip.width, 96);
  }

  void clickLandsInTheRightMelFrame_data() {
    QTest::addColumn<QStringList>("encode");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("channels");
    QTest::newRow("s16 pcm mkv") << QStringList{"-c:a", "pcm_s16le"} << "click-s16.mkv" << 1;
    QTest::newRow("u8 pcm wav") << QStringList{"-c:a", "pcm_u8"} << "click-u8.wav" << 1;
    QTest::newRow("float pcm mkv") << QStringList{"-c:a", "pcm_f32le"} << "click-flt.mkv" << 1;
    QTest::newRow("aac mp4") << QStringList{"-c:a", "aac", "-b:a", "192k"} << "click-aac.m4a" << 1;
    QTest::newRow("5.1 float mkv, click in centre") << QStringList{"-c:a", "pcm_f32le"} << "click-51.mkv" << 6;
  }
  void clickLandsInTheRightMelFrame() {
    QFETCH(QStringList, encode);
    QFETCH(QString, file);
    QFETCH(int, channels);
    const double click = 3.372;
    const std::vector<float> mono = clickTrack(44100, 6.0, click);
    std::vector<float> samples;
    for (float s : mono)
      for (int c = 0; c < channels; ++c) samples.push_back(channels == 1 || c == 2 ? s : 0.0f);
    const QString raw = dir_ + "/" + file + ".f32";
    writeFloatSamples(raw, samples);
    QStringList args{"-f", "f32le", "-ar", "44100", "-ac", QString::number(channels)};
    if (channels == 6) args << "-channel_layout" << "5.1";
    args << "-i" << raw << encode << dir_ + "/" + file;
    const QString error = runFfmpeg(args);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    ClipDecoder decoder((dir_ + "/" + file).toStdString());
    ClipSpec spec;
    for (double start : {3.0, 2.55, 3.3}) {
      const DecodedClip clip = decoder.decode(start, spec);
      QVERIFY(clip.hasAudio);
      QCOMPARE(clip.audio.size(), size_t(16000));
      QCOMPARE(clip.melFrames, 101);
      QVERIFY(!clip.audioPadded);
      const int expected = static_cast<int>(std::lround((click + 0.002 - start) * 100.0));
      const int got = loudestMelFrame(clip);
      QVERIFY2(std::abs(got - expected) <= 1, qPrintable(QString("start %1: click in mel frame %2, expected %3")
                                                             .arg(start).arg(got).arg(expected)));
    }
  }

  void audioPastTheEndIsPaddedAndFramesRepeat() {
    ClipDecoder decoder(video("mp4 H.264+AAC").toStdString());
    ClipSpec spec;
    spec.width = 64;
    spec.height = 48;
    const DecodedClip clip = decoder.decode(11.5, spec);
    QVERIFY(clip.audioPadded);
    QVERIFY(clip.videoPastEnd);
    QCOMPARE(readIndex(clip.frame(7), clip.width, clip.height), kSourceFrames - 1);
    QCOMPARE(clip.audio.back(), 0.0f);
    // A clip well inside is neither.
    const DecodedClip inside = decoder.decode(4.0, spec);
    QVERIFY(!inside.audioPadded);
    QVERIFY(!inside.videoPastEnd);
  }

  void lateAudioIsPadded() {
    const QString path = dir_ + "/late-audio.mkv";
    const QString error = runFfmpeg({"-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "320x240", "-r", "25", "-i",
                                     dir_ + "/index-300.rgb", "-itsoffset", "3", "-f", "lavfi", "-i",
                                     "sine=frequency=440:sample_rate=44100:duration=6", "-c:v", "libx264", "-preset",
                                     "veryfast", "-c:a", "pcm_s16le", path});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ClipDecoder decoder(path.toStdString());
    ClipSpec spec;
    spec.width = 64;
    spec.height = 48;
    const DecodedClip early = decoder.decode(2.5, spec);
    QVERIFY(early.audioPadded);
    QCOMPARE(early.audio[100], 0.0f);                 // before 3 s: silence inserted
    QVERIFY(std::abs(early.audio[12000]) > 0.0f);     // after 3 s: the tone
    QCOMPARE(readIndex(early.frame(0), early.width, early.height), expectedIndex(2.5, 0.0, kSourceFrames));
    const DecodedClip later = decoder.decode(5.0, spec);
    QVERIFY(!later.audioPadded);
  }

  void rotatedVideoIsProbedAndDecodes() {
    // FFmpeg 5.1 turns the rotate tag into a display matrix only when stream-copying.
    const QString plain = dir_ + "/unrotated.mp4", path = dir_ + "/rotated.mp4";
    QString error = runFfmpeg({"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3", "-c:v", "libx264",
                               "-preset", "veryfast", plain});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = runFfmpeg({"-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", path});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const MediaInfo info = probeMedia(path.toStdString());
    QVERIFY(info.video.has_value());
    QVERIFY2(info.video->rotation == 90 || info.video->rotation == 270, qPrintable(QString::number(info.video->rotation)));
    QVERIFY(!info.audio.has_value());
    ClipDecoder decoder(path.toStdString());
    const DecodedClip clip = decoder.decode(1.0, ClipSpec{});
    QCOMPARE(clip.frames, 8);
    QVERIFY(!clip.hasAudio);
  }

  void clipCommandWritesAContactSheet() {
    const QString sheet = dir_ + "/sheet-tiny.png";
    const ProcessResult r = runCli({"clip", "--file", video("mp4 H.264+AAC"), "--start", "2.01", "--preset", "tiny",
                                    "--out", sheet, "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject info = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(info["width"].toInt(), 96);  // 320x240, short side 72
    QCOMPARE(info["height"].toInt(), 72);
    QCOMPARE(info["mel_bins"].toInt(), 64);
    QImage image(sheet);
    QVERIFY2(!image.isNull(), qPrintable(sheet));
    image = image.convertToFormat(QImage::Format_RGB888);
    // The first frame sits at (10, 34); its blocks must read as the frame shown at 2.01 s.
    QImage first = image.copy(10, 34, 96, 72);
    std::vector<std::uint8_t> rgb(96 * 72 * 3);
    for (int y = 0; y < 72; ++y) std::memcpy(rgb.data() + y * 96 * 3, first.constScanLine(y), 96 * 3);
    QCOMPARE(readIndex(rgb.data(), 96, 72), expectedIndex(2.01, 0.0, kSourceFrames));

    const ProcessResult paper = runCli({"clip", "--file", video("webm VP9+Opus"), "--start", "3", "--preset", "paper",
                                        "--out", dir_ + "/sheet-paper.png", "--json"});
    QVERIFY2(paper.exitCode == 0, paper.err.constData());
    const QJsonObject p = QJsonDocument::fromJson(paper.out).object();
    QCOMPARE(p["height"].toInt(), 128);
    QCOMPARE(p["mel_bins"].toInt(), 80);
    QCOMPARE(p["audio_samples"].toInt(), 32000);
    QCOMPARE(p["mel_frames"].toInt(), 201);
  }

  void clipCommandRejectsBadArguments_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("missing file") << QStringList{"clip", "--file", "/nonexistent.mp4", "--start", "1", "--out", "/tmp/x.png"};
    QTest::newRow("unknown preset") << QStringList{"clip", "--file", "@mp4", "--start", "1", "--preset", "huge", "--out", "/tmp/x.png"};
    QTest::newRow("not media") << QStringList{"clip", "--file", "@text", "--start", "1", "--out", "/tmp/x.png"};
    QTest::newRow("no --out") << QStringList{"clip", "--file", "@mp4", "--start", "1"};
  }
  void clipCommandRejectsBadArguments() {
    QFETCH(QStringList, arguments);
    const QString text = dir_ + "/words.mp4";
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("words, not pictures\n");
    file.close();
    arguments.replaceInStrings("@mp4", video("mp4 H.264+AAC"));
    arguments.replaceInStrings("@text", text);
    const ProcessResult r = runCli(arguments);
    QCOMPARE(r.exitCode, 2);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err.startsWith("binge-cli:") && err.split('\n').size() <= 2, qPrintable(err));
  }

  void benchDecodeReportsRatesAndStats() {
    const ProcessResult r = runCli({"bench", "decode", "--clips", "12", "--json", video("mp4 H.264+AAC"),
                                    video("avi MJPEG+PCM")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QVERIFY(report["clips_per_s"].toDouble() > 0);
    QVERIFY(report["peak_rss_mb"].toDouble() > 0);
    QCOMPARE(report["clips"].toInt(), 12);
    QCOMPARE(report["failures"].toInt(), 0);
    QVERIFY(report["seeks_per_clip"].toDouble() > 0);
    QVERIFY(report["frames_decoded_per_clip"].toDouble() >= 8);
    QCOMPARE(report["frames_converted_per_clip"].toDouble(), 8.0);
    const QJsonArray files = report["files"].toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files[1].toObject()["gop_frames"].toDouble(), 1.0);  // MJPEG: every frame a keyframe
    QVERIFY(files[0].toObject()["gop_frames"].toDouble() > 10);
    QVERIFY(files[0].toObject()["decode_bound_clips_per_s_one_core"].toDouble() > 0);
  }

  void realRecordingsDecode() {
    const QString root = "/usr/share/forensics-samples/original-files";
    if (!QDir(root + "/movie2").exists()) QSKIP("forensics-samples-files is not installed");
    for (const QString& file : {root + "/movie1/VID_20191220_170832.mp4", root + "/movie2/movie-hello.avi",
                                root + "/movie2/movie-hello.mp4", root + "/movie2/movie-hello.mpeg",
                                root + "/movie2/movie-hello.ogg"}) {
      ClipDecoder decoder(file.toStdString());
      const double start = std::max(0.0, decoder.info().duration / 2 - 0.5);
      const DecodedClip clip = decoder.decode(start, ClipSpec{});
      QCOMPARE(clip.frames, 8);
      QVERIFY2(clip.hasAudio, qPrintable(file));
      QCOMPARE(clip.melFrames, 101);
      for (int i = 1; i < 8; ++i) QVERIFY2(clip.framePts[i] >= clip.framePts[i - 1], qPrintable(file));
      QVERIFY2(std::abs(clip.framePts[0] - start) < 0.2, qPrintable(file + ": " + QString::number(clip.framePts[0])));
      // Not a black picture: real content came out.
      long sum = 0;
      for (std::uint8_t v : clip.rgb) sum += v;
      QVERIFY2(sum / double(clip.rgb.size()) > 10, qPrintable(file));
    }
  }

  void damagedInputThrowsNamingTheFile() {
    const QString text = dir_ + "/notes.mp4";
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a movie\n");
    file.close();
    try {
      ClipDecoder decoder(text.toStdString());
      QFAIL("opened a text file");
    } catch (const MediaError& e) {
      QVERIFY2(QString(e.what()).contains("notes.mp4"), e.what());
    }
    try {
      ClipDecoder decoder((dir_ + "/missing.mp4").toStdString());
      QFAIL("opened a missing file");
    } catch (const MediaError& e) {
      QVERIFY2(QString(e.what()).contains("missing.mp4"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestMedia)
#include "test_media.moc"
