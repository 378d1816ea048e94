#include "media/ClipDecoder.h"

#include "media/FfmpegPtr.h"
#include "media/LogMel.h"
#include "media/MediaError.h"
#include "media/MediaInput.h"
#include "media/MonoResampler.h"
#include "runtime/Log.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>

namespace binge::media {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Non-reference frames this many frame intervals before the first target are not decoded. The
// margin only matters for variable frame rate; a clip whose check fails is decoded again without it.
constexpr double kDiscardGuardFrames = 3.0;
// Video packets held back after a clip's frames are complete (while its audio finishes), so the
// next clip can continue forward. Beyond this the next clip seeks instead.
constexpr std::size_t kMaxQueuedPackets = 2000;

enum class RunResult { Done, NeedEarlierSeek, DiscardConflict };

CodecContextPtr openDecoder(const std::string& path, const AVStream& stream, int threads, const char* what) {
  const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
  if (!codec)
    throw MediaError(path, std::string("no decoder for ") + what + " codec " + avcodec_get_name(stream.codecpar->codec_id));
  CodecContextPtr context(avcodec_alloc_context3(codec));
  if (!context) throw MediaError(path, std::string("cannot allocate ") + what + " decoder");
  checkFfmpeg(avcodec_parameters_to_context(context.get(), stream.codecpar), path, std::string(what) + " codec parameters");
  context->pkt_timebase = stream.time_base;
  context->thread_count = std::max(1, threads);
  context->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
  checkFfmpeg(avcodec_open2(context.get(), codec, nullptr), path, std::string("open ") + what + " decoder");
  return context;
}

}  // namespace

struct ClipDecoder::Impl {
  std::string path;
  ClipDecoderOptions options;
  InputFormatPtr input;
  MediaInfo info;
  double origin = 0.0;  // container start (s); every time we report is relative to it
  DecoderStats stats;
  PacketPtr packet = makePacket();
  FramePtr frame = makeFrame();

  // Video
  int videoIndex = -1;
  AVStream* videoStream = nullptr;
  CodecContextPtr videoCodec;
  bool intraOnly = false;
  double frameInterval = 1.0 / 25.0;  // nominal, from the stream's rate
  SwsPtr sws;

  // Audio
  int audioIndex = -1;
  AVStream* audioStream = nullptr;
  CodecContextPtr audioCodec;
  MonoResampler resampler;
  int swrOutRate = 0;  // the clip's sample rate: the resampler's output and the audio buffer's
  double audioStreamStart = 0.0;
  double audioStreamEnd = kInf;
  std::unique_ptr<LogMelExtractor> logMel;

  // Position between clips: valid after a seek until EOF, an error, or a change of what is decoded.
  bool positioned = false;
  bool eof = false;
  bool lastDecodedVideo = false, lastDecodedAudio = false;
  int lastSampleRate = 0;
  double seekTime = 0.0;
  FramePtr before = makeFrame(), last = makeFrame(), spare = makeFrame();
  bool hasBefore = false, hasLast = false;
  double beforePts = kNaN, lastPts = kNaN;
  long beforeSerial = -1, lastSerial = -1, serialCounter = 0;
  bool firstFrameAfterSeek = true;
  long packetsSentSinceSeek = 0;
  std::deque<PacketPtr> queuedVideo;
  PacketPtr held;  // intra-only lookahead: the newest video packet, not yet known to be needed
  double heldPts = kNaN;
  double lastKeyPts = kNaN;
  double gopSeconds = 2.0;
  // Audio buffer: mono float samples at swrOutRate, the first one at time audioBufferStart.
  std::vector<float> audioBuffer;
  double audioBufferStart = 0.0;
  bool audioStarted = false;
  bool audioGap = false;

  // The clip being decoded
  bool forwardRun = false;
  bool wantVideo = false, wantAudio = false;
  std::vector<double> targets;
  int nextTarget = 0;
  DecodedClip* clip = nullptr;
  double clipStart = 0.0, clipAudioEnd = 0.0;
  bool allowDiscard = true;
  double discardLimit = -kInf;
  double maxDiscardedPts = -kInf;
  long convertedSerial = -1;
  int convertedIndex = -1;
  bool needEarlier = false;

  double seconds(int64_t ts, const AVStream* stream) const {
    const double s = timestampSeconds(ts, stream->time_base);
    return std::isnan(s) ? s : s - origin;
  }

  // ---- seeking -------------------------------------------------------------------------------
  void resetPosition() {
    if (videoCodec) avcodec_flush_buffers(videoCodec.get());
    if (audioCodec) avcodec_flush_buffers(audioCodec.get());
    hasBefore = hasLast = false;
    beforeSerial = lastSerial = -1;
    queuedVideo.clear();
    held.reset();
    lastKeyPts = kNaN;
    audioBuffer.clear();
    audioStarted = false;
    audioGap = false;
    resampler.reset();  // a fresh resampler: no samples from before the seek leak into the clip
    firstFrameAfterSeek = true;
    packetsSentSinceSeek = 0;
    eof = false;
  }

  void seekTo(double time) {
    ++stats.seeks;
    seekTime = time;
    const AVStream* stream = wantVideo ? videoStream : audioStream;
    const int index = wantVideo ? videoIndex : audioIndex;
    const int64_t ts = static_cast<int64_t>(std::floor((time + origin) / av_q2d(stream->time_base)));
    int r = av_seek_frame(input.get(), index, ts, AVSEEK_FLAG_BACKWARD);
    if (r < 0) {
      // Some demuxers (raw MPEG streams without an index) only seek by the generic search.
      const int64_t us = static_cast<int64_t>((time + origin) * AV_TIME_BASE);
      r = avformat_seek_file(input.get(), -1, std::numeric_limits<int64_t>::min(), us, us, 0);
    }
    if (r < 0) {
      // Last resort: the very beginning, then decode forward.
      r = av_seek_frame(input.get(), -1, 0, AVSEEK_FLAG_BYTE | AVSEEK_FLAG_BACKWARD);
    }
    checkFfmpeg(r, path, "seek to " + std::to_string(time) + " s");
    resetPosition();
    positioned = true;
  }

  // ---- video ---------------------------------------------------------------------------------
  void emitFrame(int index, const AVFrame* source, long serial, double pts) {
    DecodedClip& c = *clip;
    std::uint8_t* dst = c.rgb.data() + static_cast<std::size_t>(index) * c.height * c.width * 3;
    c.framePts[index] = pts;
    if (serial == convertedSerial && convertedIndex >= 0) {
      std::memcpy(dst, c.frame(convertedIndex), static_cast<std::size_t>(c.height) * c.width * 3);
      return;
    }
    sws.reset(sws_getCachedContext(sws.release(), source->width, source->height,
                                   static_cast<AVPixelFormat>(source->format), c.width, c.height,
                                   AV_PIX_FMT_RGB24, SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!sws) throw MediaError(path, "cannot create the video scaler");
    std::uint8_t* planes[4] = {dst, nullptr, nullptr, nullptr};
    int strides[4] = {c.width * 3, 0, 0, 0};
    sws_scale(sws.get(), source->data, source->linesize, 0, source->height, planes, strides);
    ++stats.framesConverted;
    convertedSerial = serial;
    convertedIndex = index;
  }

  void receiveVideoFrames() {
    for (;;) {
      const int r = avcodec_receive_frame(videoCodec.get(), frame.get());
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      if (r < 0) {
        log(LogLevel::Debug, path + ": video frame lost: " + ffmpegErrorText(r));
        return;
      }
      ++stats.framesDecoded;
      // A frame without its own timestamp (MPEG-PS stores none for many P frames) follows the one
      // before it; FFmpeg's best-effort guess is only used when there is no frame before.
      double pts = seconds(frame->pts, videoStream);
      if (std::isnan(pts) && hasLast && !firstFrameAfterSeek) pts = lastPts + frameInterval;
      if (std::isnan(pts)) pts = seconds(frame->best_effort_timestamp, videoStream);
      if (std::isnan(pts)) pts = hasLast ? lastPts + frameInterval : 0.0;  // no timestamps at all
      if (firstFrameAfterSeek) {
        firstFrameAfterSeek = false;
        // The seek landed after the first target although earlier frames exist: go back further.
        if (!forwardRun && nextTarget == 0 && !targets.empty() && pts > targets[0] + 1e-6 && seekTime > 1e-3) {
          needEarlier = true;
          av_frame_unref(frame.get());
          return;
        }
      }
      const long serial = serialCounter++;
      while (nextTarget < static_cast<int>(targets.size()) && targets[nextTarget] < pts) {
        // The previous frame is the last one shown at this target; before the very first frame of
        // the stream, the first frame stands in.
        if (hasLast) emitFrame(nextTarget, last.get(), lastSerial, lastPts);
        else emitFrame(nextTarget, frame.get(), serial, pts);
        ++nextTarget;
      }
      // Rotate: before <- last <- frame, reusing the allocations.
      std::swap(spare, before);
      av_frame_unref(spare.get());
      std::swap(before, last);
      hasBefore = hasLast;
      beforePts = lastPts;
      beforeSerial = lastSerial;
      av_frame_move_ref(last.get(), frame.get());
      hasLast = true;
      lastPts = pts;
      lastSerial = serial;
    }
  }

  void sendVideo(AVPacket* pkt) {
    double pts = pkt ? seconds(pkt->pts, videoStream) : kNaN;
    const bool discard = pkt && allowDiscard && !intraOnly && !std::isnan(pts) && pts < discardLimit;
    videoCodec->skip_frame = discard ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
    if (discard) maxDiscardedPts = std::max(maxDiscardedPts, pts);
    for (int attempt = 0; attempt < 2; ++attempt) {
      const int r = avcodec_send_packet(videoCodec.get(), pkt);
      if (r == AVERROR(EAGAIN)) {
        receiveVideoFrames();
        continue;
      }
      if (r < 0 && r != AVERROR_EOF) log(LogLevel::Debug, path + ": damaged video packet skipped: " + ffmpegErrorText(r));
      break;
    }
    if (pkt) ++packetsSentSinceSeek;
    receiveVideoFrames();
  }

  // Intra-only: is a packet shown from `from` until `until` needed by a target still to come?
  bool heldNeeded(double from, double until) const {
    // Nothing decoded before it: it stands in for targets before the first frame.
    if (packetsSentSinceSeek == 0 && nextTarget < static_cast<int>(targets.size()) && targets[nextTarget] < from)
      return true;
    for (std::size_t i = nextTarget; i < targets.size(); ++i)
      if (targets[i] >= from && targets[i] < until) return true;
    return false;
  }

  void handleVideoPacket(AVPacket* pkt) {
    const double pts = seconds(pkt->pts, videoStream);
    if ((pkt->flags & AV_PKT_FLAG_KEY) && !std::isnan(pts)) {
      if (!std::isnan(lastKeyPts) && pts > lastKeyPts) gopSeconds = 0.75 * gopSeconds + 0.25 * (pts - lastKeyPts);
      lastKeyPts = pts;
    }
    if (!intraOnly || std::isnan(pts)) {
      sendVideo(pkt);
      return;
    }
    if (held) {
      if (heldNeeded(heldPts, pts)) sendVideo(held.get());
      else ++stats.packetsSkipped;
    }
    held.reset(av_packet_clone(pkt));
    heldPts = pts;
    if (nextTarget < static_cast<int>(targets.size()) && targets.back() < heldPts) {
      // Every packet the remaining targets need has been sent, and the next frame is known to start
      // at heldPts. Drain the decoder (intra-only frames hold no references, so flushing loses
      // nothing) and serve the remaining targets without decoding the held packet.
      sendVideo(nullptr);
      avcodec_flush_buffers(videoCodec.get());
      while (nextTarget < static_cast<int>(targets.size()) && targets[nextTarget] < heldPts && hasLast) {
        emitFrame(nextTarget, last.get(), lastSerial, lastPts);
        ++nextTarget;
      }
    }
  }

  void drainVideo() {
    if (held) {
      sendVideo(held.get());
      held.reset();
    }
    sendVideo(nullptr);
  }

  // ---- audio ---------------------------------------------------------------------------------
  void receiveAudioFrames() {
    for (;;) {
      const int r = avcodec_receive_frame(audioCodec.get(), frame.get());
      if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
      if (r < 0) {
        log(LogLevel::Debug, path + ": audio frame lost: " + ffmpegErrorText(r));
        return;
      }
      ++stats.audioFramesDecoded;
      resampler.configureFor(frame.get(), swrOutRate, path);
      const double t = seconds(frame->best_effort_timestamp, audioStream);
      if (!audioStarted) {
        audioStarted = true;
        audioBuffer.clear();
        audioBufferStart = std::isnan(t) ? clipStart : t;
        if (!forwardRun && !std::isnan(t) && t > clipStart + 0.005 && audioStreamStart < clipStart - 0.005 &&
            seekTime > 1e-3 && wantAudio) {
          needEarlier = true;  // the stream has samples before the start that this seek missed
        }
      } else if (!std::isnan(t)) {
        const double expected =
            audioBufferStart + (audioBuffer.size() + resampler.delay(swrOutRate)) / double(swrOutRate);
        if (t > expected + 0.1) {
          if (audioBufferStart + audioBuffer.size() / double(swrOutRate) <= clipStart) {
            audioBuffer.clear();  // everything buffered lies before the clip: restart at this frame
            resampler.reset();
            resampler.configureFor(frame.get(), swrOutRate, path);
            audioBufferStart = t;
          } else {
            // Zeros stand for the missing samples, but never beyond the clip's end: a damaged timestamp
            // may jump hours ahead, and filling up to it took minutes and gigabytes (found by
            // fuzz_media). Samples after the clip's end are never used.
            const double fillUntil = std::min(t, std::max(expected, clipAudioEnd));
            audioBuffer.resize(audioBuffer.size() + static_cast<std::size_t>((fillUntil - expected) * swrOutRate), 0.0f);
            audioGap = true;
          }
        }
      }
      resampler.append(const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples, audioBuffer);
      av_frame_unref(frame.get());
    }
  }

  void sendAudio(AVPacket* pkt) {
    if (pkt && !std::isnan(seconds(pkt->pts, audioStream))) {
      // Audio well before the clip is never needed; skip its decoding (a short margin is kept
      // because codecs with overlapping transforms need the previous packet).
      const double end = seconds(pkt->pts + std::max<int64_t>(pkt->duration, 0), audioStream);
      if (end < clipStart - 0.25) return;
    }
    const int r = avcodec_send_packet(audioCodec.get(), pkt);
    if (r < 0 && r != AVERROR_EOF && r != AVERROR(EAGAIN))
      log(LogLevel::Debug, path + ": damaged audio packet skipped: " + ffmpegErrorText(r));
    receiveAudioFrames();
  }

  void drainAudio() {
    sendAudio(nullptr);
    if (resampler.active()) resampler.append(nullptr, 0, audioBuffer);
  }

  bool audioCovered() const {
    if (clipStart >= audioStreamEnd) return true;  // the stream ended before this clip
    return audioStarted && audioBufferStart + audioBuffer.size() / double(swrOutRate) >= clipAudioEnd;
  }

  // ---- one clip --------------------------------------------------------------------------------
  RunResult run(const ClipSpec& spec) {
    DecodedClip& c = *clip;
    nextTarget = 0;
    convertedSerial = -1;
    convertedIndex = -1;
    needEarlier = false;
    maxDiscardedPts = -kInf;
    discardLimit = targets.empty() ? -kInf : targets[0] - kDiscardGuardFrames * frameInterval;
    c.videoPastEnd = false;

    if (wantAudio && audioStarted) {
      // Samples before this clip are no longer needed.
      const double drop = std::floor((clipStart - audioBufferStart) * swrOutRate);
      if (drop > 0) {
        const std::size_t n = std::min(audioBuffer.size(), static_cast<std::size_t>(drop));
        audioBuffer.erase(audioBuffer.begin(), audioBuffer.begin() + n);
        audioBufferStart += n / double(swrOutRate);
      }
    }
    if (wantVideo && forwardRun && hasLast) {
      // Targets before the newest decoded frame are served by the frame before it.
      while (nextTarget < static_cast<int>(targets.size()) && targets[nextTarget] < lastPts) {
        if (hasBefore) emitFrame(nextTarget, before.get(), beforeSerial, beforePts);
        else emitFrame(nextTarget, last.get(), lastSerial, lastPts);
        ++nextTarget;
      }
    }
    auto videoDone = [&] { return !wantVideo || nextTarget >= static_cast<int>(targets.size()); };
    while (!videoDone() && !queuedVideo.empty()) {
      PacketPtr queued = std::move(queuedVideo.front());
      queuedVideo.pop_front();
      handleVideoPacket(queued.get());
    }

    while (!(videoDone() && (!wantAudio || audioCovered()))) {
      if (needEarlier) return RunResult::NeedEarlierSeek;
      if (eof) break;
      const int r = av_read_frame(input.get(), packet.get());
      PacketUnrefGuard guard(packet.get());
      if (r < 0) {
        if (r != AVERROR_EOF) log(LogLevel::Debug, path + ": reading stopped: " + ffmpegErrorText(r));
        eof = true;
        if (wantVideo) drainVideo();
        if (wantAudio) drainAudio();
        break;
      }
      ++stats.packetsRead;
      if (wantVideo && packet->stream_index == videoIndex) {
        if (videoDone()) {
          if (queuedVideo.size() < kMaxQueuedPackets) queuedVideo.emplace_back(av_packet_clone(packet.get()));
          else positioned = false;  // too far ahead: the next clip seeks
        } else {
          handleVideoPacket(packet.get());
        }
      } else if (wantAudio && packet->stream_index == audioIndex) {
        sendAudio(packet.get());
      }
    }
    if (needEarlier) return RunResult::NeedEarlierSeek;

    if (wantVideo) {
      if (!hasLast) throw MediaError(path, "no video frame could be decoded at " + std::to_string(clipStart) + " s");
      for (; nextTarget < static_cast<int>(targets.size()); ++nextTarget) {
        emitFrame(nextTarget, last.get(), lastSerial, lastPts);
        if (targets[nextTarget] >= lastPts + frameInterval - 1e-6) c.videoPastEnd = true;
      }
      // A non-reference frame that was skipped may have been the one to show at the first target.
      if (maxDiscardedPts > c.framePts[0] + 1e-9) return RunResult::DiscardConflict;
    }

    if (wantAudio) {
      const std::size_t wanted = c.audio.size();
      const double offset = std::round((clipStart - audioBufferStart) * swrOutRate);
      bool padded = !audioStarted || audioGap;
      for (std::size_t j = 0; j < wanted; ++j) {
        const double source = offset + static_cast<double>(j);
        if (audioStarted && source >= 0 && source < static_cast<double>(audioBuffer.size())) {
          c.audio[j] = audioBuffer[static_cast<std::size_t>(source)];
        } else {
          c.audio[j] = 0.0f;
          padded = true;
        }
      }
      c.audioPadded = padded;
      if (spec.melBins <= 0) return RunResult::Done;  // caller wants PCM only (the prepared cache)
      if (!logMel || logMel->melBins() != spec.melBins || logMel->hop() != std::lround(spec.sampleRate * spec.hopMs / 1000) ||
          logMel->fftSize() != std::lround(spec.sampleRate * spec.windowMs / 1000)) {
        logMel = std::make_unique<LogMelExtractor>(spec.sampleRate, spec.melBins, spec.windowMs, spec.hopMs);
      }
      c.logMel = logMel->compute(c.audio);
      c.melBins = spec.melBins;
      c.melFrames = logMel->frameCount(c.audio.size());
    }
    return RunResult::Done;
  }

  bool canContinueForward(double start, const ClipSpec& spec) const {
    if (!positioned || eof) return false;
    if (lastDecodedVideo != wantVideo || lastDecodedAudio != wantAudio || lastSampleRate != spec.sampleRate) return false;
    double cursor = kNaN;
    if (wantVideo) {
      if (!hasLast) return false;
      // The answer for the first target must be `before`, `last` or a frame still to come.
      if (start < (hasBefore ? beforePts : lastPts)) return false;
      cursor = lastPts;
    }
    if (wantAudio) {
      if (!audioStarted || start < audioBufferStart) return false;
      if (std::isnan(cursor)) cursor = audioBufferStart + audioBuffer.size() / double(swrOutRate);
    }
    // Reading forward to the start costs about what decoding from the keyframe would; intra-only
    // codecs skip most packets undecoded, so reading forward is cheap for them.
    const double reach = intraOnly ? 5.0 : std::max(gopSeconds, 0.5);
    return start - cursor <= reach;
  }

  DecodedClip decode(double start, const ClipSpec& spec) {
    if (spec.frames < 0 || (spec.frames > 0 && !(spec.fps > 0)) || spec.audioSeconds < 0 || spec.sampleRate <= 0)
      throw MediaError(path, "invalid clip spec (frames, fps, audio seconds and sample rate must be positive)");
    DecodedClip c;
    c.start = start;
    wantVideo = spec.decodeVideo && videoIndex >= 0 && spec.frames > 0;
    wantAudio = spec.decodeAudio && audioIndex >= 0;
    c.hasAudio = audioIndex >= 0;
    if (!wantVideo && !wantAudio) return c;

    targets.clear();
    if (wantVideo) {
      for (int i = 0; i < spec.frames; ++i) targets.push_back(start + i / spec.fps);
      c.frames = spec.frames;
      const int w = videoCodec->width > 0 ? videoCodec->width : info.video->width;
      const int h = videoCodec->height > 0 ? videoCodec->height : info.video->height;
      if (spec.shortSide > 0 && w > 0 && h > 0) {
        const AVRational sar = videoStream->codecpar->sample_aspect_ratio;
        const double displayW = w * (sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0);
        const double scale = spec.shortSide / std::min(displayW, double(h));
        c.width = std::max(1, static_cast<int>(std::lround(displayW * scale)));
        c.height = std::max(1, static_cast<int>(std::lround(h * scale)));
      } else {
        c.width = spec.width;
        c.height = spec.height;
      }
      if (c.width <= 0 || c.height <= 0) throw MediaError(path, "invalid output size in clip spec");
      c.rgb.assign(static_cast<std::size_t>(c.frames) * c.height * c.width * 3, 0);
      c.framePts.assign(c.frames, 0.0);
    }
    if (wantAudio) {
      if (swrOutRate != spec.sampleRate) positioned = false;  // buffered samples are at the old rate
      swrOutRate = spec.sampleRate;
      c.audio.assign(static_cast<std::size_t>(std::lround(spec.audioSeconds * spec.sampleRate)), 0.0f);
    }
    clip = &c;
    clipStart = start;
    clipAudioEnd = start + spec.audioSeconds;

    forwardRun = canContinueForward(start, spec);
    allowDiscard = true;
    double seekAt = start;
    RunResult result = RunResult::Done;
    for (int attempt = 0; attempt < 6; ++attempt) {
      if (forwardRun) {
        ++stats.forwardSkips;
      } else {
        seekTo(seekAt);
      }
      result = run(spec);
      if (result == RunResult::Done) break;
      ++stats.retries;
      if (result == RunResult::DiscardConflict) {
        allowDiscard = false;
      } else {
        seekAt = seekAt - std::max(1.0, gopSeconds) * (1 << attempt);
        if (seekAt < 0) seekAt = 0;
      }
      forwardRun = false;
    }
    if (result != RunResult::Done)
      log(LogLevel::Warning, path + ": clip at " + std::to_string(start) + " s may be off by a frame (retries exhausted)");
    lastDecodedVideo = wantVideo;
    lastDecodedAudio = wantAudio;
    lastSampleRate = spec.sampleRate;
    if (eof) positioned = false;  // the decoders were drained: the next clip seeks
    clip = nullptr;
    return c;
  }
};

ClipDecoder::ClipDecoder(const std::string& path, ClipDecoderOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.path = path;
  d.options = options;
  d.input = openMediaInput(path);
  // Containers such as MPEG-PS store no timestamp for many reference frames; GENPTS makes the demuxer
  // fill them in from the following packets, so every frame gets its true presentation time, even
  // after a seek and when non-reference frames around it are skipped.
  d.input->flags |= AVFMT_FLAG_GENPTS;
  d.info = describeMediaInput(path, *d.input);
  d.origin = d.info.startTime;
  if (d.info.video) {
    d.videoIndex = d.info.video->streamIndex;
    d.videoStream = d.input->streams[d.videoIndex];
    d.videoCodec = openDecoder(path, *d.videoStream, options.codecThreads, "video");
    d.intraOnly = d.info.video->intraOnly;
    if (d.info.video->fps > 0) d.frameInterval = 1.0 / d.info.video->fps;
  }
  if (d.info.audio) {
    d.audioIndex = d.info.audio->streamIndex;
    d.audioStream = d.input->streams[d.audioIndex];
    // Audio decoding is cheap next to video; one thread avoids frame-threading latency.
    d.audioCodec = openDecoder(path, *d.audioStream, 1, "audio");
    const double start = d.seconds(d.audioStream->start_time, d.audioStream);
    d.audioStreamStart = std::isnan(start) ? 0.0 : start;
    const double duration = timestampSeconds(d.audioStream->duration, d.audioStream->time_base);
    if (!std::isnan(duration) && duration > 0) d.audioStreamEnd = d.audioStreamStart + duration;
  }
  if (d.videoIndex < 0 && d.audioIndex < 0) throw MediaError(path, "no video or audio stream");
  // Everything else in the file is never read by a clip: let the demuxer drop it early.
  for (unsigned i = 0; i < d.input->nb_streams; ++i)
    if (static_cast<int>(i) != d.videoIndex && static_cast<int>(i) != d.audioIndex)
      d.input->streams[i]->discard = AVDISCARD_ALL;
}

ClipDecoder::~ClipDecoder() = default;
ClipDecoder::ClipDecoder(ClipDecoder&&) noexcept = default;
ClipDecoder& ClipDecoder::operator=(ClipDecoder&&) noexcept = default;

const MediaInfo& ClipDecoder::info() const { return impl_->info; }
const std::string& ClipDecoder::path() const { return impl_->path; }
DecodedClip ClipDecoder::decode(double start, const ClipSpec& spec) { return impl_->decode(start, spec); }
const DecoderStats& ClipDecoder::stats() const { return impl_->stats; }
void ClipDecoder::resetStats() { impl_->stats = DecoderStats{}; }

}  // namespace binge::media
