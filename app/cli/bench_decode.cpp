// binge-cli bench decode [--clips N] [--seed S] [--workers W] --json FILES...
// Random audio-visual clips per second with the default clip spec (8 frames at 8 fps, 112x112, 1 s of
// 16 kHz audio, 64-bin log-mel), decoded by W worker threads with one decoder per thread per file;
// peak RSS; seeks and frames decoded per clip. Per file: the same on that file alone, its sequential
// decode rate on one thread, its GOP, and the decode-bound limit per clip:
//   frames per clip >= (GOP - 1) / 2 (average distance from the keyframe to a random start)
//                      + the source frames the clip spans      (intra-only codecs: just T frames)
//   limit (clips/s, one core) = sequential frames/s / frames per clip.
#include "cli/Commands.h"
#include "train/ProcessMemory.h"

#include "media/ClipDecoder.h"
#include "media/FfmpegPtr.h"
#include "media/MediaError.h"
#include "media/MediaInput.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace binge::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchDecodeArgs {
  std::vector<std::string> files;
  int clips = 200;
  unsigned seed = 0;
  int workers = 2;
  int codecThreads = 1;
  bool perFile = true;
  bool json = false;
};


struct Job {
  int file;
  double start;
};

struct RunResult {
  double seconds = 0.0;
  int clips = 0;
  media::DecoderStats stats;
  std::vector<double> rssTraceMb;
  std::string firstError;
  int failures = 0;
};

RunResult runClips(const std::vector<std::string>& files, const std::vector<Job>& jobs, int workers, int codecThreads) {
  RunResult result;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  const std::size_t traceEvery = std::max<std::size_t>(1, jobs.size() / 20);
  const ClipSpec spec;  // the default clip spec
  auto worker = [&] {
    std::map<int, std::unique_ptr<media::ClipDecoder>> decoders;  // one per file, this thread only
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= jobs.size()) break;
      const Job& job = jobs[k];
      try {
        auto& decoder = decoders[job.file];
        if (!decoder) {
          media::ClipDecoderOptions options;
          options.codecThreads = codecThreads;
          decoder = std::make_unique<media::ClipDecoder>(files[job.file], options);
        }
        const DecodedClip clip = decoder->decode(job.start, spec);
        (void)clip;
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mutex);
        if (result.failures++ == 0) result.firstError = e.what();
      }
      if (k % traceEvery == 0) {
        std::lock_guard<std::mutex> lock(mutex);
        result.rssTraceMb.push_back(currentRssMb());
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [file, decoder] : decoders) {
      const media::DecoderStats& s = decoder->stats();
      result.stats.seeks += s.seeks;
      result.stats.forwardSkips += s.forwardSkips;
      result.stats.retries += s.retries;
      result.stats.packetsRead += s.packetsRead;
      result.stats.packetsSkipped += s.packetsSkipped;
      result.stats.framesDecoded += s.framesDecoded;
      result.stats.framesConverted += s.framesConverted;
      result.stats.audioFramesDecoded += s.audioFramesDecoded;
    }
  };
  const auto t0 = Clock::now();
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  result.clips = static_cast<int>(jobs.size());
  return result;
}

struct FileFacts {
  double duration = 0.0;
  std::string codec;
  int width = 0, height = 0;
  double fps = 0.0;
  bool intraOnly = false;
  double gopFrames = 0.0;        // video packets per keyframe
  double sequentialFps = 0.0;    // decoded frames/s, one thread, no conversion
};

// Reads every video packet (for the GOP) and decodes up to 600 frames from the start on one thread.
FileFacts measureFile(const std::string& path) {
  FileFacts facts;
  const media::MediaInfo info = media::probeMedia(path);
  facts.duration = info.duration;
  if (!info.video) return facts;
  facts.codec = info.video->codec;
  facts.width = info.video->width;
  facts.height = info.video->height;
  facts.fps = info.video->fps;
  facts.intraOnly = info.video->intraOnly;

  media::InputFormatPtr input = media::openMediaInput(path);
  const int index = info.video->streamIndex;
  const AVStream* stream = input->streams[index];
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  media::CodecContextPtr decoder(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(decoder.get(), stream->codecpar);
  decoder->thread_count = 1;
  media::checkFfmpeg(avcodec_open2(decoder.get(), codec, nullptr), path, "open video decoder");
  media::PacketPtr packet = media::makePacket();
  media::FramePtr frame = media::makeFrame();
  long packets = 0, keyframes = 0, decoded = 0;
  double decodeSeconds = 0.0;
  const long decodeLimit = 600;
  for (;;) {
    const int r = av_read_frame(input.get(), packet.get());
    if (r < 0) break;
    media::PacketUnrefGuard guard(packet.get());
    if (packet->stream_index != index) continue;
    ++packets;
    if (packet->flags & AV_PKT_FLAG_KEY) ++keyframes;
    if (decoded < decodeLimit) {
      const auto t0 = Clock::now();
      if (avcodec_send_packet(decoder.get(), packet.get()) >= 0)
        while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) ++decoded;
      decodeSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
  }
  facts.gopFrames = keyframes > 0 ? static_cast<double>(packets) / keyframes : static_cast<double>(packets);
  facts.sequentialFps = decodeSeconds > 0 ? decoded / decodeSeconds : 0.0;
  return facts;
}

double framesPerClipBound(const FileFacts& f, const ClipSpec& spec) {
  const double sourceFps = f.fps > 0 ? f.fps : 25.0;
  const double span = std::floor(sourceFps * (spec.frames - 1) / spec.fps) + 1.0;  // source frames the clip covers
  if (f.intraOnly || f.gopFrames <= 1.01) return std::min<double>(spec.frames, span);
  return (f.gopFrames - 1.0) / 2.0 + span;
}

std::vector<Job> randomJobs(const std::vector<double>& durations, const std::vector<int>& fileChoices, int clips,
                            unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Job> jobs;
  for (int i = 0; i < clips; ++i) {
    const int file = fileChoices[rng() % fileChoices.size()];
    // Same start range as the PyAV reference: uniform in [0, duration - 1.5 s].
    const double start = std::uniform_real_distribution<double>(0.0, std::max(0.0, durations[file] - 1.5))(rng);
    jobs.push_back({file, start});
  }
  return jobs;
}

nlohmann::json statsJson(const RunResult& r) {
  const double n = std::max(1, r.clips);
  return {{"clips", r.clips},
          {"seconds", r.seconds},
          {"clips_per_s", r.clips / r.seconds},
          {"failures", r.failures},
          {"seeks_per_clip", r.stats.seeks / n},
          {"forward_skips_per_clip", r.stats.forwardSkips / n},
          {"frames_decoded_per_clip", r.stats.framesDecoded / n},
          {"frames_converted_per_clip", r.stats.framesConverted / n},
          {"packets_read_per_clip", r.stats.packetsRead / n},
          {"video_packets_skipped_per_clip", r.stats.packetsSkipped / n}};
}

int runBenchDecode(const BenchDecodeArgs& args) {
  if (args.clips <= 0) throw UsageError("--clips must be positive");
  if (args.workers <= 0) throw UsageError("--workers must be positive");
  for (const std::string& file : args.files) requireExistingPath(file, "media file");
  media::installFfmpegLogRouting();
  std::vector<double> durations;
  std::vector<FileFacts> facts;
  for (const std::string& file : args.files) {
    facts.push_back(args.perFile ? measureFile(file) : FileFacts{});
    if (!args.perFile) facts.back().duration = media::probeMedia(file).duration;
    durations.push_back(facts.back().duration);
  }
  std::vector<int> all(args.files.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);

  std::cerr << "bench decode: " << args.clips << " random clips over " << args.files.size() << " files, "
            << args.workers << " workers" << std::endl;
  const RunResult mixed = runClips(args.files, randomJobs(durations, all, args.clips, args.seed), args.workers,
                                   args.codecThreads);
  std::cerr << "  all files: " << mixed.clips / mixed.seconds << " clips/s (" << mixed.seconds << " s)" << std::endl;
  if (mixed.failures) std::cerr << "  " << mixed.failures << " clips failed; first: " << mixed.firstError << std::endl;

  nlohmann::json perFile = nlohmann::json::array();
  const ClipSpec spec;
  if (args.perFile) {
    for (std::size_t i = 0; i < args.files.size(); ++i) {
      const int clips = std::max(20, args.clips / static_cast<int>(args.files.size()));
      const RunResult one = runClips(args.files, randomJobs(durations, {static_cast<int>(i)}, clips, args.seed + 1 + i),
                                     args.workers, args.codecThreads);
      const FileFacts& f = facts[i];
      const double framesPerClip = framesPerClipBound(f, spec);
      const double limit = f.sequentialFps > 0 ? f.sequentialFps / framesPerClip : 0.0;
      const double rate = one.clips / one.seconds;
      nlohmann::json entry = statsJson(one);
      entry["file"] = args.files[i];
      entry["codec"] = f.codec;
      entry["width"] = f.width;
      entry["height"] = f.height;
      entry["fps"] = f.fps;
      entry["duration"] = f.duration;
      entry["gop_frames"] = f.gopFrames;
      entry["sequential_decode_fps_one_thread"] = f.sequentialFps;
      entry["decode_bound_frames_per_clip"] = framesPerClip;
      entry["decode_bound_clips_per_s_one_core"] = limit;
      entry["share_of_one_core_limit"] = limit > 0 ? rate / limit : 0.0;
      entry["share_of_two_core_limit"] = limit > 0 ? rate / (2 * limit) : 0.0;
      perFile.push_back(entry);
      std::cerr << "  " << args.files[i] << ": " << f.codec << " " << f.width << "x" << f.height << ", GOP "
                << f.gopFrames << ", " << f.sequentialFps << " frames/s sequential; " << rate
                << " clips/s, limit one core " << limit << " (" << (limit > 0 ? 100.0 * rate / limit : 0.0)
                << "%)" << std::endl;
    }
  }

  const double peak = peakRssMb();
  std::cerr << "  peak RSS " << peak << " MB" << std::endl;
  if (args.json) {
    nlohmann::json doc = statsJson(mixed);
    doc["kind"] = "decode";
    doc["workers"] = args.workers;
    doc["codec_threads"] = args.codecThreads;
    doc["seed"] = args.seed;
    doc["spec"] = {{"frames", spec.frames}, {"fps", spec.fps}, {"width", spec.width}, {"height", spec.height},
                   {"audio_seconds", spec.audioSeconds}, {"sample_rate", spec.sampleRate}, {"mel_bins", spec.melBins}};
    doc["peak_rss_mb"] = peak;
    doc["rss_trace_mb"] = mixed.rssTraceMb;
    doc["files"] = perFile;
    printJson(doc);
  }
  return mixed.failures == mixed.clips ? 1 : 0;
}

}  // namespace

void addBenchDecodeCommand(CLI::App& bench, GlobalOptions& /*global*/, CommandAction& action) {
  auto args = std::make_shared<BenchDecodeArgs>();
  CLI::App* cmd = bench.add_subcommand("decode", "Random clip decoding: clips/s, peak RSS, seeks and frames per clip");
  cmd->add_option("files", args->files, "Media files")->required();
  cmd->add_option("--clips", args->clips, "Random clips over all files")->capture_default_str();
  cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
  cmd->add_option("--workers", args->workers, "Worker threads (one decoder per thread per file)")->capture_default_str();
  cmd->add_option("--codec-threads", args->codecThreads, "Codec threads per decoder")->capture_default_str();
  cmd->add_flag("!--no-per-file", args->perFile, "Skip the per-file runs and decode-rate measurements");
  cmd->add_flag("--json", args->json, "Print the report as JSON on stdout");
  cmd->callback([args, &action] { action = [args] { return runBenchDecode(*args); }; });
}

}  // namespace binge::cli
