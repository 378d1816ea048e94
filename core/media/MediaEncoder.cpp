#include "media/MediaEncoder.h"

#include "media/FfmpegPtr.h"
#include "media/MediaError.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <vector>

namespace binge::media {

struct MediaEncoder::Impl {
  std::string path;
  OutputFormatPtr format;
  CodecContextPtr video;
  CodecContextPtr audio;
  AVStream* videoStream = nullptr;  // owned by `format`
  AVStream* audioStream = nullptr;  // owned by `format`
  SwsPtr sws;
  FramePtr yuv;
  PacketPtr packet;
  int width = 0;
  int height = 0;
  int channels = 0;
  std::int64_t videoFrames = 0;
  std::int64_t audioFrames = 0;               // samples per channel handed to the encoder
  std::vector<std::vector<float>> pending;   // planar samples not yet filling a whole codec frame
  bool open = false;

  // Sends one frame (nullptr = flush) and writes every packet the encoder gives back.
  void encode(AVCodecContext* codec, AVStream* stream, const AVFrame* frame) {
    checkFfmpeg(avcodec_send_frame(codec, frame), path, "cannot send a frame to the encoder");
    for (;;) {
      const int ret = avcodec_receive_packet(codec, packet.get());
      if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return;
      checkFfmpeg(ret, path, "encoding failed");
      av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
      packet->stream_index = stream->index;
      // av_interleaved_write_frame takes the packet's reference and leaves it blank.
      checkFfmpeg(av_interleaved_write_frame(format.get(), packet.get()), path, "cannot write a packet");
    }
  }

  void sendAudioFrame(int samples) {
    FramePtr frame = makeFrame();
    if (!frame) throw MediaError(path, "out of memory for an audio frame");
    frame->format = audio->sample_fmt;
    frame->nb_samples = samples;
    frame->sample_rate = audio->sample_rate;
    checkFfmpeg(av_channel_layout_copy(&frame->ch_layout, &audio->ch_layout), path, "channel layout");
    checkFfmpeg(av_frame_get_buffer(frame.get(), 0), path, "cannot allocate an audio frame");
    for (int c = 0; c < channels; ++c) {
      std::copy(pending[c].begin(), pending[c].begin() + samples, reinterpret_cast<float*>(frame->data[c]));
      pending[c].erase(pending[c].begin(), pending[c].begin() + samples);
    }
    // Audio pts count samples, so audio time is exact and independent of the video frame rate.
    frame->pts = audioFrames;
    audioFrames += samples;
    encode(audio.get(), audioStream, frame.get());
  }
};

MediaEncoder::MediaEncoder() : impl_(std::make_unique<Impl>()) {}
MediaEncoder::~MediaEncoder() = default;

void MediaEncoder::open(const std::string& path, int width, int height, int fps, int sampleRate, int channels,
                        const EncoderOptions& options) {
  Impl& m = *impl_;
  if (m.open) throw MediaError(path, "encoder is already open for " + m.path);
  if (width <= 0 || height <= 0 || width % 2 || height % 2)
    throw MediaError(path, "frame size must be positive and even for 4:2:0 video, got " + std::to_string(width) +
                               "x" + std::to_string(height));
  if (fps <= 0) throw MediaError(path, "frame rate must be positive");
  if ((sampleRate > 0) != (channels > 0)) throw MediaError(path, "sample rate and channels must both be set");
  // x264 prints its statistics at info level; binge's log keeps warnings and errors only.
  installFfmpegLogRouting();
  m = Impl{};
  m.path = path;
  m.width = width;
  m.height = height;
  m.channels = channels;
  m.packet = makePacket();

  AVFormatContext* rawFormat = nullptr;  // FFmpeg allocates through **
  checkFfmpeg(avformat_alloc_output_context2(&rawFormat, nullptr, options.container.c_str(), path.c_str()), path,
              "cannot create a " + options.container + " container");
  m.format.reset(rawFormat);
  // Bit-exact muxing: no "Lavf58.x" encoder tag and no creation time, so files depend only on content.
  m.format->flags |= AVFMT_FLAG_BITEXACT;
  const bool globalHeader = m.format->oformat->flags & AVFMT_GLOBALHEADER;

  // Video
  const AVCodec* videoCodec = avcodec_find_encoder_by_name(options.videoCodec.c_str());
  if (!videoCodec) throw MediaError(path, "video encoder " + options.videoCodec + " is not available in this FFmpeg");
  m.video.reset(avcodec_alloc_context3(videoCodec));
  AVCodecContext* v = m.video.get();
  v->width = width;
  v->height = height;
  v->pix_fmt = AV_PIX_FMT_YUV420P;
  v->time_base = AVRational{1, fps};
  v->framerate = AVRational{fps, 1};
  v->gop_size = options.gopFrames > 0 ? options.gopFrames : 2 * fps;
  v->thread_count = options.x264Threads;
  v->flags |= AV_CODEC_FLAG_BITEXACT;
  if (globalHeader) v->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if (options.videoCodec == "libx264") {
    av_opt_set(v->priv_data, "preset", options.x264Preset.c_str(), 0);
    av_opt_set(v->priv_data, "crf", std::to_string(options.crf).c_str(), 0);
  }
  checkFfmpeg(avcodec_open2(v, videoCodec, nullptr), path, "cannot open video encoder " + options.videoCodec);
  m.videoStream = avformat_new_stream(m.format.get(), nullptr);
  if (!m.videoStream) throw MediaError(path, "cannot add a video stream");
  m.videoStream->time_base = v->time_base;
  m.videoStream->avg_frame_rate = v->framerate;
  checkFfmpeg(avcodec_parameters_from_context(m.videoStream->codecpar, v), path, "video stream parameters");

  m.yuv = makeFrame();
  m.yuv->format = v->pix_fmt;
  m.yuv->width = width;
  m.yuv->height = height;
  checkFfmpeg(av_frame_get_buffer(m.yuv.get(), 0), path, "cannot allocate a video frame");
  // SWS_BITEXACT + ACCURATE_RND: the same RGB gives the same YUV whatever SIMD path swscale picks.
  m.sws.reset(sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P,
                             SWS_BILINEAR | SWS_ACCURATE_RND | SWS_BITEXACT, nullptr, nullptr, nullptr));
  if (!m.sws) throw MediaError(path, "cannot create the RGB to YUV converter");

  // Audio
  if (channels > 0) {
    const AVCodec* audioCodec = avcodec_find_encoder_by_name(options.audioCodec.c_str());
    if (!audioCodec) throw MediaError(path, "audio encoder " + options.audioCodec + " is not available in this FFmpeg");
    m.audio.reset(avcodec_alloc_context3(audioCodec));
    AVCodecContext* a = m.audio.get();
    a->sample_fmt = AV_SAMPLE_FMT_FLTP;
    a->sample_rate = sampleRate;
    av_channel_layout_default(&a->ch_layout, channels);
    a->bit_rate = options.audioBitrate;
    a->time_base = AVRational{1, sampleRate};
    a->flags |= AV_CODEC_FLAG_BITEXACT;
    if (globalHeader) a->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    checkFfmpeg(avcodec_open2(a, audioCodec, nullptr), path, "cannot open audio encoder " + options.audioCodec);
    m.audioStream = avformat_new_stream(m.format.get(), nullptr);
    if (!m.audioStream) throw MediaError(path, "cannot add an audio stream");
    m.audioStream->time_base = a->time_base;
    checkFfmpeg(avcodec_parameters_from_context(m.audioStream->codecpar, a), path, "audio stream parameters");
    m.pending.assign(channels, {});
  }

  if (!(m.format->oformat->flags & AVFMT_NOFILE))
    checkFfmpeg(avio_open(&m.format->pb, path.c_str(), AVIO_FLAG_WRITE), path, "cannot create the file");
  checkFfmpeg(avformat_write_header(m.format.get(), nullptr), path, "cannot write the container header");
  m.open = true;
}

void MediaEncoder::writeVideoFrame(const std::uint8_t* rgb) {
  Impl& m = *impl_;
  if (!m.open) throw MediaError(m.path, "writeVideoFrame on an encoder that is not open");
  // The encoder may still reference the previous frame's buffers.
  checkFfmpeg(av_frame_make_writable(m.yuv.get()), m.path, "video frame not writable");
  const std::uint8_t* src[1] = {rgb};
  const int srcStride[1] = {3 * m.width};
  sws_scale(m.sws.get(), src, srcStride, 0, m.height, m.yuv->data, m.yuv->linesize);
  m.yuv->pts = m.videoFrames++;
  m.encode(m.video.get(), m.videoStream, m.yuv.get());
}

void MediaEncoder::writeAudio(const float* interleaved, std::size_t frames) {
  Impl& m = *impl_;
  if (!m.open) throw MediaError(m.path, "writeAudio on an encoder that is not open");
  if (!m.audio) throw MediaError(m.path, "writeAudio on an encoder opened without audio");
  for (int c = 0; c < m.channels; ++c) {
    auto& plane = m.pending[c];
    plane.reserve(plane.size() + frames);
    for (std::size_t i = 0; i < frames; ++i) plane.push_back(interleaved[i * m.channels + c]);
  }
  const int frameSize = m.audio->frame_size;
  while (static_cast<int>(m.pending[0].size()) >= frameSize) m.sendAudioFrame(frameSize);
}

void MediaEncoder::finish() {
  Impl& m = *impl_;
  if (!m.open) throw MediaError(m.path, "finish on an encoder that is not open");
  if (m.audio) {
    if (!m.pending[0].empty()) {
      // AAC accepts a short last frame; other codecs get it padded with silence.
      if (!(m.audio->codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME))
        for (auto& plane : m.pending) plane.resize(m.audio->frame_size, 0.0f);
      m.sendAudioFrame(static_cast<int>(m.pending[0].size()));
    }
    m.encode(m.audio.get(), m.audioStream, nullptr);
  }
  m.encode(m.video.get(), m.videoStream, nullptr);
  checkFfmpeg(av_write_trailer(m.format.get()), m.path, "cannot write the container trailer");
  if (!(m.format->oformat->flags & AVFMT_NOFILE))
    checkFfmpeg(avio_closep(&m.format->pb), m.path, "cannot close the file");
  m.format.reset();
  m.open = false;
}

std::int64_t MediaEncoder::videoFramesWritten() const { return impl_->videoFrames; }
std::int64_t MediaEncoder::audioFramesWritten() const { return impl_->audioFrames; }
const std::string& MediaEncoder::path() const { return impl_->path; }

}  // namespace binge::media
