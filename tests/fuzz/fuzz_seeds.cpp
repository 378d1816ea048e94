// Writes the seed corpus of every fuzz target into OUT/<target>/, from the product's own writers, so the
// seeds follow the formats as they change and nothing binary is committed:
//   fuzz_seeds OUT PRESET_DIR
#include "FuzzFixtures.h"

#include "data/TitlePreparer.h"
#include "experiments/SweepLedger.h"
#include "library/Library.h"
#include "library/LibraryImporter.h"
#include "media/MediaEncoder.h"
#include "train/Checkpoint.h"
#include "train/EventLog.h"
#include "train/RunDirectory.h"
#include "train/TrainConfig.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;
using namespace binge;

namespace {

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeText(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

// One second of moving colour bars and a tone, 32 × 24 at 8 fps.
void encodeClip(const fs::path& file, const media::EncoderOptions& options, int channels) {
  media::MediaEncoder encoder;
  const int width = 32, height = 24, fps = 8, rate = 16000;
  encoder.open(file.string(), width, height, fps, rate, channels, options);
  std::vector<std::uint8_t> rgb(width * height * 3);
  for (int f = 0; f < fps; ++f) {
    for (int i = 0; i < width * height; ++i)
      for (int c = 0; c < 3; ++c) rgb[i * 3 + c] = static_cast<std::uint8_t>((i % width) * 8 + f * 20 + c * 70);
    encoder.writeVideoFrame(rgb.data());
  }
  std::vector<float> audio(static_cast<std::size_t>(rate) * channels);
  for (int s = 0; s < rate; ++s)
    for (int c = 0; c < channels; ++c) audio[s * channels + c] = 0.3f * std::sin(2 * M_PI * 440 * s / rate);
  encoder.writeAudio(audio.data(), rate);
  encoder.finish();
}

void mediaSeeds(const fs::path& out) {
  fs::create_directories(out / "media");
  encodeClip(out / "media" / "h264-aac.mp4", {}, 2);
  media::EncoderOptions mpeg2;
  mpeg2.container = "mpegts";
  mpeg2.videoCodec = "mpeg2video";
  mpeg2.audioCodec = "aac";
  encodeClip(out / "media" / "mpeg2-aac.ts", mpeg2, 1);
  media::EncoderOptions mpeg4;
  mpeg4.container = "matroska";
  mpeg4.videoCodec = "mpeg4";
  mpeg4.audioCodec = "aac";
  encodeClip(out / "media" / "mpeg4-aac.mkv", mpeg4, 2);
}

void librarySeeds(const fs::path& out) {
  fs::create_directories(out / "library");
  Library library;
  LibraryImporter({1, true}).import(library, {out / "media"});
  library.titles.front().kind = TitleKind::Episode;
  library.titles.front().series = "Harbor Lights";
  saveLibrary(out / "library" / "library.json", library);
  saveLibrary(out / "library" / "empty.json", Library{});
}

void configSeeds(const fs::path& out, const fs::path& presets) {
  fs::create_directories(out / "config");
  writeText(out / "config" / "defaults.json", toJson(TrainConfig{}).dump(2));
  for (const auto& entry : fs::directory_iterator(presets))
    if (entry.path().extension() == ".json") fs::copy_file(entry.path(), out / "config" / entry.path().filename());
}

void eventSeeds(const fs::path& out) {
  fs::create_directories(out / "events");
  const fs::path file = out / "events" / "events.jsonl";
  {
    EventLog log(file);
    log.append({{"type", "status"}, {"state", "running"}, {"step", 0}});
    log.append({{"type", "step"}, {"step", 10}, {"loss", 2.5}, {"lr", 0.001}});
    log.append({{"type", "probe"}, {"step", 10}, {"video", {{"knn", 0.4}, {"linear", 0.5}}}});
    log.append({{"type", "batch"}, {"step", 10}, {"same_title_share", 0.25}});
    log.append({{"type", "checkpoint"}, {"step", 10}, {"path", "checkpoints/step-00000010.pt"}});
    log.append({{"type", "error"}, {"message", "library.json: cannot read"}});
  }
  std::ofstream(file, std::ios::app) << R"({"type":"step","step":11,"lo)";  // torn by a kill
}

void runFileSeeds(const fs::path& out) {
  fs::create_directories(out / "run_files");
  const fs::path scratch = out / "scratch";
  fs::create_directories(scratch);
  SweepLedger ledger;
  ledger.plan.grid = {parseGridAxis("lr=0.001,0.002")};
  ledger.plan.seeds = {1, 2};
  ledger.plan.fixedArgs = {"--steps", "12"};
  for (const auto& run : ledger.plan.runs()) ledger.runs[run.name].state = "finished";
  ledger.save(scratch);
  auto run = RunDirectory::create(scratch / "run", toJson(TrainConfig{}));
  run.appendMetrics({12, 2.1, 2.2, 0.001, 0.07, 40, 1.5, 20, 9.5, 300});
  run.writeStatus("finished", 12, 12);
  fs::create_directories(out / "sweep_ledger");
  fs::copy_file(scratch / SweepLedger::kFile, out / "sweep_ledger" / "sweep.json");
  writeText(out / "run_files" / "sweep-run.txt", readText(scratch / SweepLedger::kFile) + "\n--8<--\n" +
                                                     readText(scratch / "run" / "status.json") + "\n--8<--\n" +
                                                     readText(scratch / "run" / "metrics.csv"));
  fs::remove_all(scratch);
}

void cacheSeeds(const fs::path& out) {
  fs::create_directories(out / "cache");
  const Library library = loadLibrary(out / "library" / "library.json");  // probed by librarySeeds
  for (const Title& title : library.titles) {
    const fs::path file = out / "cache" / (fs::path(title.path).filename().string() + ".bcache");
    prepareTitle(title, fuzz::seedCacheGeometry(), file);
    // Relabelled for the fixed source the target checks against (its header checksum made right again).
    std::fstream cache(file, std::ios::in | std::ios::out | std::ios::binary);
    CacheHeader header{};
    cache.read(reinterpret_cast<char*>(&header), sizeof header);
    header.sourceSize = fuzz::seedCacheSource().size;
    header.sourceMtime = fuzz::seedCacheSource().mtime;
    header.headerCrc = headerCrc(header);
    cache.seekp(0);
    cache.write(reinterpret_cast<const char*>(&header), sizeof header);
  }
}

void checkpointSeeds(const fs::path& out) {
  fs::create_directories(out / "checkpoint");
  AudioVisualModel model(fuzz::seedModelConfig());
  ContrastiveLoss loss(LossConfig{});
  auto parameters = model->parameters();
  for (auto& p : loss->parameters()) parameters.push_back(p);
  torch::optim::Adam optimizer(parameters);
  saveCheckpoint(out / "checkpoint" / "step-00000003.pt", {model, loss, optimizer}, {{"step", 3}});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT PRESET_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  try {
    mediaSeeds(out);
    librarySeeds(out);
    configSeeds(out, argv[2]);
    eventSeeds(out);
    runFileSeeds(out);
    cacheSeeds(out);
    checkpointSeeds(out);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_seeds: %s\n", e.what());
    return 1;
  }
  return 0;
}
