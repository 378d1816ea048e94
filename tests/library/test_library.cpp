// The library layer: naming, ids, the JSON file, and importing good and broken media (through the
// API and through `binge-cli import` / `info`). Media is generated here with the ffmpeg CLI.
#include "CliRunner.h"
#include "TestMedia.h"

#include "library/Library.h"
#include "library/LibraryFile.h"
#include "library/LibraryImporter.h"
#include "library/LibraryLock.h"
#include "library/TitleNaming.h"
#include "media/ClipDecoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include <memory>
#include <random>
#include <set>

#include <unistd.h>

using namespace binge;
using namespace binge::test;

namespace {

QString makeClip(const QString& path, double seconds, bool video, bool audio, const QStringList& codec = {}) {
  QStringList args;
  if (video) args << "-f" << "lavfi" << "-i" << QString("testsrc2=size=160x120:rate=25:duration=%1").arg(seconds);
  if (audio) args << "-f" << "lavfi" << "-i" << QString("sine=frequency=300:sample_rate=44100:duration=%1").arg(seconds);
  if (codec.isEmpty()) {
    if (video) args << "-c:v" << "libx264" << "-preset" << "veryfast" << "-pix_fmt" << "yuv420p";
    if (audio) args << "-c:a" << "aac";
  } else {
    args << codec;
  }
  args << path;
  return runFfmpeg(args);
}

double ffprobeDuration(const QString& path) {
  const ProcessResult r = runProgram("ffprobe", {"-v", "error", "-show_entries", "format=duration", "-of",
                                                 "default=noprint_wrappers=1:nokey=1", path});
  return QString::fromUtf8(r.out).trimmed().toDouble();
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  file.write(bytes);
}

QByteArray readBytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return file.readAll();
}

const Title* titleNamed(const Library& library, const QString& fileName) {
  for (const Title& t : library.titles)
    if (QString::fromStdString(t.path).endsWith("/" + fileName)) return &t;
  return nullptr;
}

}  // namespace

class TestLibrary : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void naming_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("series");
    QTest::addColumn<int>("season");
    QTest::addColumn<int>("episode");
    QTest::newRow("SxxEyy") << "/tv/Friends.S01E02.The.One.mkv" << "episode" << "Friends" << 1 << 2;
    QTest::newRow("lower sxey") << "/tv/the_office_s2e05.mp4" << "episode" << "the office" << 2 << 5;
    QTest::newRow("1x02") << "/tv/Doctor Who - 3x10 - Blink.avi" << "episode" << "Doctor Who" << 3 << 10;
    QTest::newRow("tag only, series from folder") << "/tv/Lost/S01E04.mkv" << "episode" << "Lost" << 1 << 4;
    QTest::newRow("season folder") << "/tv/Breaking Bad/Season 2/03 - Bit by a Dead Bee.mkv" << "episode"
                                   << "Breaking Bad" << -1 << -1;
    QTest::newRow("tag inside season folder") << "/tv/Breaking Bad/Season 2/s02e03.mkv" << "episode" << "Breaking Bad"
                                              << 2 << 3;
    QTest::newRow("movie") << "/films/Alien (1979).mp4" << "movie" << "" << -1 << -1;
    QTest::newRow("resolution is not an episode") << "/films/Heat 1920x1080.mkv" << "movie" << "" << -1 << -1;
  }
  void naming() {
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(QString, series);
    QFETCH(int, season);
    QFETCH(int, episode);
    const TitleNaming n = nameTitle(path.toStdString());
    QCOMPARE(QString(toString(n.kind)), kind);
    QCOMPARE(QString::fromStdString(n.series), series);
    QCOMPARE(n.season, season);
    QCOMPARE(n.episode, episode);
  }

  void filesDifferingOnlyInTheirContainerAreNamedApart() {
    std::vector<Title> titles(5);
    const char* paths[] = {"/m/movie2/movie-hello.mp4", "/m/movie2/movie-hello.avi", "/m/movie2/movie-hello.ogg",
                           "/m/movie1/movie-hello.mp4", "/m/movie2/other.mp4"};
    for (int i = 0; i < 5; ++i) titles[i].path = paths[i];
    titles[2].userEdited = true;  // a name the user gave stays, and does not count as a namesake
    titles[2].name = "Hello, in Ogg";
    for (int round = 0; round < 2; ++round) {  // the same names however often the rule runs
      nameSameNamedFilesApart(titles);
      QCOMPARE(QString::fromStdString(titles[0].name), QString("movie-hello (mp4)"));
      QCOMPARE(QString::fromStdString(titles[1].name), QString("movie-hello (avi)"));
      QCOMPARE(QString::fromStdString(titles[2].name), QString("Hello, in Ogg"));
      QCOMPARE(QString::fromStdString(titles[3].name), QString("movie-hello"));  // alone in its folder
      QCOMPARE(QString::fromStdString(titles[4].name), QString("other"));
    }
  }

  void idsAreStableReadableAndDistinct() {
    const std::string a = titleIdForPath("/tv/Friends/Friends.S01E02.mkv");
    QCOMPARE(a, titleIdForPath("/tv/Friends/Friends.S01E02.mkv"));
    QVERIFY(a != titleIdForPath("/tv/Friends copy/Friends.S01E02.mkv"));
    QVERIFY2(QString::fromStdString(a).endsWith("-friends-s01e02"), a.c_str());
    const QString odd = QString::fromStdString(titleIdForPath("/x/Amélie \"quoted\" 'x'.mp4"));
    QVERIFY2(QRegularExpression("^[0-9a-f]{8}-[a-z0-9-]+$").match(odd).hasMatch(), qPrintable(odd));
  }

  void libraryFileRoundTrips() {
    Library library;
    Title t;
    t.id = "0000abcd-x";
    t.path = "/m/x.mkv";
    t.name = "X";
    t.size = 123456789012ull;
    t.mtime = 1700000000;
    t.kind = TitleKind::Episode;
    t.series = "Show";
    t.duration = 1234.5;
    t.video = VideoStreamInfo{"h264", 1280, 720, 23.976, 1, 24000, 90};
    t.audio = AudioStreamInfo{"aac", 48000, 6, "fltp"};
    t.status = TitleStatus::Warning;
    t.message = "something";
    t.userEdited = true;
    library.titles.push_back(t);
    Title bare;
    bare.id = "1";
    bare.path = "/m/broken.mp4";
    bare.status = TitleStatus::Error;
    library.titles.push_back(bare);
    const QString path = scratchDir("library-file") + "/lib.json";
    saveLibrary(path.toStdString(), library);
    const Library back = loadLibrary(path.toStdString());
    QCOMPARE(back.titles.size(), size_t(2));
    QCOMPARE(libraryToJson(back).dump(), libraryToJson(library).dump());
    QVERIFY(back.titles[0].video && back.titles[0].video->rotation == 90);
    QVERIFY(!back.titles[1].video && !back.titles[1].audio);
    QCOMPARE(back.seriesNames(), std::vector<std::string>{"Show"});
    QVERIFY(back.find("1") && back.findByPath("/m/x.mkv"));

    writeBytes(path, "{\"titles\": [ {\"id\": 1");
    try {
      loadLibrary(path.toStdString());
      QFAIL("loaded a torn file");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("lib.json"), e.what());
    }
  }

  void importOfMixedGoodAndBrokenMedia() {
    const QString dir = scratchDir("import-mixed");
    const QString media = dir + "/media";
    QDir().mkpath(media + "/Some Show/Season 1");
    QString error;
    QVERIFY2((error = makeClip(media + "/good.mp4", 3.0, true, true)).isEmpty(), qPrintable(error));
    QVERIFY2((error = makeClip(media + "/Some Show/Season 1/Some.Show.S01E01.mkv", 2.0, true, true,
                               {"-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libvorbis"}))
                 .isEmpty(),
             qPrintable(error));
    QVERIFY2((error = makeClip(media + "/video only.mkv", 2.0, true, false)).isEmpty(), qPrintable(error));
    QVERIFY2((error = makeClip(media + "/audio only.m4a", 2.0, false, true)).isEmpty(), qPrintable(error));
    QVERIFY2((error = makeClip(media + "/Amélie 'single' \"double\" ü.mp4", 2.5, true, true)).isEmpty(), qPrintable(error));
    writeBytes(media + "/zero.mp4", {});
    writeBytes(media + "/notes.mp4", "Not a movie, just text.\n");
    const QByteArray good = readBytes(media + "/good.mp4");
    for (int percent : {1, 30, 70, 99}) writeBytes(media + QString("/truncated-%1.mp4").arg(percent), good.left(good.size() * percent / 100));
    QByteArray flipped = good;
    std::mt19937 rng(9);
    for (int i = 0; i < 200; ++i) flipped[int(rng() % flipped.size())] ^= char(1 << (rng() % 8));
    writeBytes(media + "/flipped.mp4", flipped);
    QDir().mkpath(media + "/folder.mp4");
    const bool root = ::geteuid() == 0;
    if (!root) {  // root reads anything; there the row is skipped
      writeBytes(media + "/unreadable.mp4", good);
      QFile(media + "/unreadable.mp4").setPermissions(QFileDevice::WriteOwner);
    }
    writeBytes(media + "/subtitles.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello\n");

    const QString lib = dir + "/library.json";
    const ProcessResult r = runCli({"import", "--library", lib, media});
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(r.exitCode == 0, qPrintable(err));
    QVERIFY2(err.contains("import: ["), qPrintable(err));  // progress
    const Library library = loadLibrary(lib.toStdString());

    struct Expect {
      QString file;
      TitleStatus status;
      QString reason;  // part of the message
    };
    QList<Expect> expected = {
        {"good.mp4", TitleStatus::Ok, ""},
        {"Some.Show.S01E01.mkv", TitleStatus::Ok, ""},
        {"Amélie 'single' \"double\" ü.mp4", TitleStatus::Ok, ""},
        {"video only.mkv", TitleStatus::Warning, "no audio"},
        {"audio only.m4a", TitleStatus::Error, "no video"},
        {"zero.mp4", TitleStatus::Error, "empty"},
        {"notes.mp4", TitleStatus::Error, "not a recognised media file"},
        {"truncated-1.mp4", TitleStatus::Error, ""},
        {"truncated-30.mp4", TitleStatus::Error, ""},
        {"truncated-70.mp4", TitleStatus::Error, ""},
        {"truncated-99.mp4", TitleStatus::Error, ""},
    };
    if (!root) expected.push_back({"unreadable.mp4", TitleStatus::Error, "cannot read"});
    for (const Expect& e : expected) {
      const Title* t = titleNamed(library, e.file);
      QVERIFY2(t, qPrintable("missing from library: " + e.file));
      QVERIFY2(t->status == e.status, qPrintable(e.file + ": " + toString(t->status) + " " + QString::fromStdString(t->message)));
      QVERIFY2(QString::fromStdString(t->message).contains(e.reason), qPrintable(e.file + ": " + QString::fromStdString(t->message)));
      if (e.status == TitleStatus::Error) {
        QVERIFY2(!t->message.empty(), qPrintable(e.file));
        QVERIFY2(err.contains(e.file) && err.contains(QString::fromStdString(t->message)), qPrintable(err));
      }
    }
    // Damaged data may or may not decode; whatever it is, it has a status and the import went on.
    QVERIFY(titleNamed(library, "flipped.mp4"));
    QVERIFY2(err.contains("folder.mp4: is a directory"), qPrintable(err));
    QVERIFY(!titleNamed(library, "subtitles.srt"));

    // Good files: correct streams, durations within 0.1 s of ffprobe's, names and series.
    for (const QString& file : {QString("good.mp4"), QString("Some.Show.S01E01.mkv"), QString("video only.mkv"),
                                QString("Amélie 'single' \"double\" ü.mp4")}) {
      const Title* t = titleNamed(library, file);
      const double probe = ffprobeDuration(QString::fromStdString(t->path));
      QVERIFY2(std::abs(t->duration - probe) < 0.1, qPrintable(QString("%1: %2 vs ffprobe %3").arg(file).arg(t->duration).arg(probe)));
      QVERIFY(t->video && t->video->width == 160 && t->video->height == 120);
    }
    const Title* episode = titleNamed(library, "Some.Show.S01E01.mkv");
    QCOMPARE(episode->kind, TitleKind::Episode);
    QCOMPARE(QString::fromStdString(episode->series), QString("Some Show"));
    QCOMPARE(QString::fromStdString(episode->video->codec), QString("vp8"));
    QCOMPARE(QString::fromStdString(titleNamed(library, "good.mp4")->audio->codec), QString("aac"));
    QVERIFY(titleNamed(library, "good.mp4")->trainable());
    QVERIFY(!titleNamed(library, "video only.mkv")->trainable());

    // ids are unique
    std::set<std::string> ids;
    for (const Title& t : library.titles) QVERIFY2(ids.insert(t.id).second, t.id.c_str());

    // info: table grouped by series, and JSON
    const ProcessResult table = runCli({"info", "--library", lib});
    QCOMPARE(table.exitCode, 0);
    const QString text = QString::fromUtf8(table.out);
    QVERIFY2(text.contains("Series Some Show (1 episodes)") && text.contains("Movies ("), qPrintable(text));
    const ProcessResult json = runCli({"info", "--library", lib, "--json"});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(info["titles"].toInt(), int(library.titles.size()));
    QCOMPARE(info["trainable"].toInt(), 3);
    QCOMPARE(info["series"].toArray().size(), 1);
  }

  // Hostile inputs: names with a newline or a leading '-', a symlink loop, a stream
  // with no frames, 7.1 audio, 10-bit and 4K video. Each file gets its own status and reason, the good
  // ones import and prepare, nothing else is disturbed.
  void hostileNamesAndStreamsEachGetAStatus() {
    const QString dir = scratchDir("import-hostile");
    const QString media = dir + "/media";
    QDir().mkpath(media);
    const QStringList h264 = {"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"};
    struct Make {
      QString file;
      QString video;  // lavfi source
      QStringList extra;
    };
    const QList<Make> makes = {
        {"ten bit.mp4", "testsrc2=size=160x120:rate=25:duration=1", {"-pix_fmt", "yuv420p10le"}},
        {"uhd.mp4", "testsrc2=size=3840x2160:rate=2:duration=1", {"-pix_fmt", "yuv420p"}},
        {"surround.mp4", "testsrc2=size=160x120:rate=25:duration=1", {"-pix_fmt", "yuv420p", "-ac", "8", "-channel_layout", "7.1"}},
        {"no frames.mp4", "testsrc2=size=160x120:rate=25:duration=1", {"-frames:v", "0", "-frames:a", "0"}},
        {"new\nline.mp4", "testsrc2=size=160x120:rate=25:duration=1", {"-pix_fmt", "yuv420p"}},
    };
    for (const Make& m : makes) {
      const QString error = runFfmpeg(QStringList{"-f", "lavfi", "-i", m.video, "-f", "lavfi", "-i", "sine=duration=1"} + h264 +
                                      m.extra + QStringList{media + "/" + m.file});
      QVERIFY2(error.isEmpty(), qPrintable(m.file + ": " + error));
    }
    QVERIFY(QFile::link("..", media + "/loop"));  // a folder that contains itself
    QVERIFY(QFile::copy(media + "/ten bit.mp4", dir + "/-dash.mp4"));

    const QString lib = dir + "/library.json";
    ProcessResult r = runCli({"import", "--library", lib, media}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // A path that starts with '-' is a file after "--", run from its folder.
    r = runProgram("sh", {"-c", "cd \"$0\" && \"$1\" import --library library.json -- -dash.mp4", dir,
                          qEnvironmentVariable("BINGE_CLI")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const Library library = loadLibrary(lib.toStdString());
    QCOMPARE(library.titles.size(), size_t(6));  // the loop is not followed: every file once
    for (const char* file : {"ten bit.mp4", "uhd.mp4", "surround.mp4", "new\nline.mp4", "-dash.mp4"}) {
      const Title* t = titleNamed(library, file);
      QVERIFY2(t && t->trainable(), file);
      QVERIFY2(QString::fromStdString(t->name).indexOf('\n') < 0, "a display name holds no newline");
    }
    QCOMPARE(titleNamed(library, "uhd.mp4")->video->width, 3840);
    QCOMPARE(titleNamed(library, "surround.mp4")->audio->channels, 8);
    const Title* empty = titleNamed(library, "no frames.mp4");
    QVERIFY2(empty && empty->status == TitleStatus::Error && !empty->message.empty(), "a stream with no frames is an error");
    // They prepare (10-bit converted, 4K scaled, 7.1 mixed down): every trainable title is in the cache.
    r = runCli({"prepare", "--library", lib, "--json"}, 300000);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject prepared = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(prepared["prepared"].toInt(), 5);
    QVERIFY(prepared["failures"].toArray().isEmpty());
  }

  // A whole season in one file: ten hours import with their real duration from the container (nothing
  // is decoded to the end), and a clip near the end decodes by seeking there.
  void aTenHourFileImportsAndSeeksToItsEnd() {
    const QString dir = scratchDir("import-ten-hours");
    const QString file = dir + "/season.mp4";
    const QString error = runFfmpeg({"-f", "lavfi", "-i", "testsrc2=size=32x24:rate=1:duration=36000", "-f", "lavfi", "-i",
                                     "anullsrc=r=8000:cl=mono", "-t", "36000", "-c:v", "libx264", "-preset", "ultrafast",
                                     "-g", "300", "-c:a", "aac", "-b:a", "8k", file});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    const ProcessResult r = runCli({"import", "--library", dir + "/library.json", "--json", file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    qInfo("a 10-hour file imported in %lld ms", static_cast<long long>(clock.elapsed()));
    const Library library = loadLibrary((dir + "/library.json").toStdString());
    QCOMPARE(library.titles.size(), size_t(1));
    const Title& title = library.titles.front();
    QVERIFY2(title.trainable(), title.message.c_str());
    QVERIFY2(std::abs(title.duration - 36000) < 1, qPrintable(QString::number(title.duration)));
    binge::media::ClipDecoder decoder(title.path);
    binge::ClipSpec spec;
    spec.frames = 4;
    spec.fps = 1;
    spec.shortSide = 24;
    const auto clip = decoder.decode(35990, spec);
    QVERIFY(!clip.videoPastEnd);
    QCOMPARE(clip.frames, 4);
    QVERIFY(decoder.stats().seeks >= 1);
  }

  // A folder of 10,000 small files (a dump of thumbnails, subtitles and broken downloads renamed .mp4):
  // every one gets its own status and reason, the two real clips among them import, and the library
  // holds all of them; a second import finds them unchanged without probing them again.
  void tenThousandSmallFilesEachGetAStatus() {
    const QString dir = scratchDir("import-ten-thousand");
    const QString media = dir + "/dump";
    QDir().mkpath(media);
    QString error;
    QVERIFY2((error = makeClip(media + "/real-a.mp4", 1.0, true, true)).isEmpty(), qPrintable(error));
    QVERIFY2((error = makeClip(media + "/real-b.mp4", 1.0, true, true)).isEmpty(), qPrintable(error));
    QFile real(media + "/real-a.mp4");
    QVERIFY(real.open(QIODevice::ReadOnly));
    const QByteArray head = real.read(600);  // the first bytes of a real file: a truncated download
    for (int i = 0; i < 9998; ++i) {
      QFile junk(media + QString("/clip-%1.mp4").arg(i, 4, 10, QChar('0')));
      QVERIFY(junk.open(QIODevice::WriteOnly));
      if (i % 3 == 1) junk.write("not a video " + QByteArray::number(i));
      if (i % 3 == 2) junk.write(head.left(100 + i % 500));
    }
    const QString lib = dir + "/library.json";
    QElapsedTimer clock;
    clock.start();
    ProcessResult r = runCli({"import", "--library", lib, "--json", media}, 600000);
    QVERIFY2(r.exitCode == 0, r.err.right(2000).constData());
    qInfo("10,000 files imported in %lld ms", static_cast<long long>(clock.elapsed()));
    QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report["files"].toInt(), 10000);
    QCOMPARE(report["titles"].toInt(), 10000);
    const QJsonArray failed = report["failed"].toArray();
    QCOMPARE(failed.size(), 9998);
    for (const auto& f : failed) {
      QVERIFY(f.toObject()["path"].toString().contains("/clip-"));
      QVERIFY(!f.toObject()["reason"].toString().isEmpty());
    }
    const Library library = loadLibrary(lib.toStdString());
    QCOMPARE(library.titles.size(), size_t(10000));
    QVERIFY(titleNamed(library, "real-a.mp4")->trainable());
    QVERIFY(titleNamed(library, "real-b.mp4")->trainable());
    clock.restart();
    r = runCli({"import", "--library", lib, "--json", media}, 600000);
    QVERIFY2(r.exitCode == 0, r.err.right(2000).constData());
    qInfo("and again, unchanged, in %lld ms", static_cast<long long>(clock.elapsed()));
    report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report["unchanged"].toInt(), 10000);
    QCOMPARE(report["added"].toInt(), 0);
  }

  void reimportSkipsUnchangedFilesAndKeepsEdits() {
    const QString dir = scratchDir("import-again");
    QString error;
    QVERIFY2((error = makeClip(dir + "/a.mp4", 2.0, true, true)).isEmpty(), qPrintable(error));
    QVERIFY2((error = makeClip(dir + "/b.mp4", 2.0, true, true)).isEmpty(), qPrintable(error));
    const QString lib = dir + "/lib.json";
    ProcessResult r = runCli({"import", "--library", lib, "--json", dir + "/a.mp4", dir + "/b.mp4"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out).object()["added"].toInt(), 2);

    Library library = loadLibrary(lib.toStdString());
    Title* a = const_cast<Title*>(titleNamed(library, "a.mp4"));
    const std::string idA = a->id;
    a->name = "My favourite";
    a->kind = TitleKind::Episode;
    a->series = "Mine";
    a->userEdited = true;
    saveLibrary(lib.toStdString(), library);

    r = runCli({"import", "--library", lib, "--json", dir});
    QCOMPARE(r.exitCode, 0);
    QJsonObject report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report["unchanged"].toInt(), 2);
    QCOMPARE(report["added"].toInt(), 0);

    // A changed file is probed again; the user's edits survive.
    QVERIFY2((error = makeClip(dir + "/a.mp4", 3.0, true, true)).isEmpty(), qPrintable(error));
    r = runCli({"import", "--library", lib, "--json", dir});
    report = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(report["updated"].toInt(), 1);
    QCOMPARE(report["unchanged"].toInt(), 1);
    library = loadLibrary(lib.toStdString());
    const Title* again = titleNamed(library, "a.mp4");
    QCOMPARE(again->id, idA);
    QCOMPARE(QString::fromStdString(again->name), QString("My favourite"));
    QCOMPARE(QString::fromStdString(again->series), QString("Mine"));
    QVERIFY(std::abs(again->duration - 3.0) < 0.1);
    QCOMPARE(library.titles.size(), size_t(2));
  }

  // Two writers of one library: an import waits for the holder of the library's lock,
  // saying who it is, then reads what the holder wrote; two imports started at once keep both.
  void concurrentImportsLoseNothing() {
    const QString dir = scratchDir("import-concurrent");
    QString error;
    QDir().mkpath(dir + "/one");
    QDir().mkpath(dir + "/two");
    for (const char* name : {"one/a.mp4", "one/b.mp4", "two/c.mp4", "two/d.mp4"})
      QVERIFY2((error = makeClip(dir + "/" + name, 1.0, true, true)).isEmpty(), qPrintable(error));
    const QString lib = dir + "/lib.json";
    {
      // A writer that holds the lock (the GUI, say) and adds a title while the shell's import waits.
      auto held = std::make_unique<FileLock>(lockLibraryFile(lib.toStdString(), "test writer"));
      QProcess import;
      import.setReadChannel(QProcess::StandardError);
      import.start(qEnvironmentVariable("BINGE_CLI"), {"import", "--library", lib, dir + "/one"});
      QVERIFY(import.waitForStarted());
      QByteArray err;
      QElapsedTimer clock;
      clock.start();
      // Until the whole "waiting for …" line is in (stderr may arrive in pieces).
      const auto waitingLine = [&err] { return err.contains("waiting for") && err.indexOf('\n', err.indexOf("waiting for")) > 0; };
      while (!waitingLine() && clock.elapsed() < 30000) {
        import.waitForReadyRead(200);
        err += import.readAllStandardError();
      }
      QVERIFY2(err.contains("waiting for test writer (pid " + QByteArray::number(::getpid())), err.constData());
      Library mine;
      LibraryImporter().import(mine, {(dir + "/two/c.mp4").toStdString()});
      saveLibrary(lib.toStdString(), mine);
      held.reset();
      QVERIFY(import.waitForFinished(60000));
      QCOMPARE(import.exitCode(), 0);
      QCOMPARE(loadLibrary(lib.toStdString()).titles.size(), size_t(3));  // c.mp4 kept, a and b added
    }
    // Two shells at once: both finish, every title is in the file.
    QProcess first, second;
    first.start(qEnvironmentVariable("BINGE_CLI"), {"import", "--library", lib, dir + "/one"});
    second.start(qEnvironmentVariable("BINGE_CLI"), {"import", "--library", lib, dir + "/two"});
    QVERIFY(first.waitForFinished(60000) && second.waitForFinished(60000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(loadLibrary(lib.toStdString()).titles.size(), size_t(4));
  }

  void missingPathIsAUsageError() {
    const QString dir = scratchDir("import-missing");
    const ProcessResult r = runCli({"import", "--library", dir + "/lib.json", dir + "/nope"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains("nope"), r.err.constData());
    QVERIFY(!QFile::exists(dir + "/lib.json"));
    QCOMPARE(runCli({"info", "--library", dir + "/none.json"}).exitCode, 2);
  }

  void progressAndCancel() {
    const QString dir = scratchDir("import-cancel");
    QString error;
    for (int i = 0; i < 6; ++i)
      QVERIFY2((error = makeClip(dir + QString("/c%1.mp4").arg(i), 1.0, true, true)).isEmpty(), qPrintable(error));
    std::atomic<bool> cancel{false};
    std::vector<std::size_t> seen;
    bool first = true;
    LibraryImporter importer;
    importer.setCancelFlag(&cancel);
    importer.setProgressCallback([&](const ImportProgress& p) {
      seen.push_back(p.done);
      if (first) QCOMPARE(p.total, std::size_t(6));
      if (first && p.done == 2) cancel = true;
    });
    Library library;
    const ImportReport report = importer.import(library, {dir.toStdString()});
    QVERIFY(report.cancelled);
    QVERIFY2(library.titles.size() >= 2 && library.titles.size() <= 4, qPrintable(QString::number(library.titles.size())));
    QCOMPARE(seen.front(), std::size_t(1));
    // Importing again finishes the job.
    cancel = false;
    first = false;
    const ImportReport rest = importer.import(library, {dir.toStdString()});
    QVERIFY(!rest.cancelled);
    QCOMPARE(library.titles.size(), size_t(6));
    QCOMPARE(rest.added + rest.unchanged, std::size_t(6));
  }

  void realRecordingsImport() {
    const QString root = "/usr/share/forensics-samples/original-files";
    if (!QDir(root + "/movie2").exists()) QSKIP("forensics-samples-files is not installed");
    const QString dir = scratchDir("import-real");
    const ProcessResult r = runCli({"import", "--library", dir + "/lib.json", "--json", root + "/movie1", root + "/movie2"});
    QCOMPARE(r.exitCode, 0);
    const Library library = loadLibrary((dir + "/lib.json").toStdString());
    QCOMPARE(library.titles.size(), size_t(5));
    for (const Title& t : library.titles) {
      QVERIFY2(t.status == TitleStatus::Ok, qPrintable(QString::fromStdString(t.path + ": " + t.message)));
      const double probe = ffprobeDuration(QString::fromStdString(t.path));
      QVERIFY2(std::abs(t.duration - probe) < 0.1, t.path.c_str());
    }
  }
};

QTEST_GUILESS_MAIN(TestLibrary)
#include "test_library.moc"
