#include "demo/DemoFrameReader.h"

#include "media/FfmpegPtr.h"
#include "media/MediaError.h"

#include <cstring>

namespace binge::demo {

using namespace binge::media;

struct DemoFrameReader::Impl {
  std::string path;
  InputFormatPtr format;
  CodecContextPtr codec;
  SwsPtr sws;
  FramePtr frame;
  PacketPtr packet;
  int stream = -1;
  double fps = 0;
  bool draining = false;
  bool finished = false;
};

DemoFrameReader::DemoFrameReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  installFfmpegLogRouting();
  AVFormatContext* raw = nullptr;  // FFmpeg allocates through **
  checkFfmpeg(avformat_open_input(&raw, path.c_str(), nullptr, nullptr), path, "cannot open");
  m.format.reset(raw);
  checkFfmpeg(avformat_find_stream_info(m.format.get(), nullptr), path, "cannot read stream information");
  const AVCodec* decoder = nullptr;
  m.stream = av_find_best_stream(m.format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
  if (m.stream < 0 || !decoder) throw MediaError(path, "no decodable video stream");
  AVStream* st = m.format->streams[m.stream];
  m.codec.reset(avcodec_alloc_context3(decoder));
  checkFfmpeg(avcodec_parameters_to_context(m.codec.get(), st->codecpar), path, "video stream parameters");
  m.codec->thread_count = 1;  // callers parallelise across files
  checkFfmpeg(avcodec_open2(m.codec.get(), decoder, nullptr), path, "cannot open the video decoder");
  m.fps = st->avg_frame_rate.den ? av_q2d(st->avg_frame_rate) : 0.0;
  m.frame = makeFrame();
  m.packet = makePacket();
}

DemoFrameReader::~DemoFrameReader() = default;

int DemoFrameReader::width() const { return impl_->codec->width; }
int DemoFrameReader::height() const { return impl_->codec->height; }
double DemoFrameReader::fps() const { return impl_->fps; }

bool DemoFrameReader::next(std::vector<std::uint8_t>& rgb) {
  Impl& m = *impl_;
  while (!m.finished) {
    const int got = avcodec_receive_frame(m.codec.get(), m.frame.get());
    if (got == 0) {
      const int w = m.frame->width, h = m.frame->height;
      m.sws.reset(sws_getCachedContext(m.sws.release(), w, h, static_cast<AVPixelFormat>(m.frame->format), w, h,
                                       AV_PIX_FMT_RGB24, SWS_BILINEAR, nullptr, nullptr, nullptr));
      if (!m.sws) throw MediaError(m.path, "cannot convert frames to RGB");
      rgb.resize(static_cast<std::size_t>(w) * h * 3);
      std::uint8_t* dst[1] = {rgb.data()};
      const int stride[1] = {3 * w};
      sws_scale(m.sws.get(), m.frame->data, m.frame->linesize, 0, h, dst, stride);
      av_frame_unref(m.frame.get());
      return true;
    }
    if (got == AVERROR_EOF) {
      m.finished = true;
      break;
    }
    if (got != AVERROR(EAGAIN)) checkFfmpeg(got, m.path, "decoding failed");
    if (m.draining) continue;
    // Feed the decoder the next packet of our stream (or the flush signal at the end of the file).
    const int read = av_read_frame(m.format.get(), m.packet.get());
    if (read == AVERROR_EOF) {
      m.draining = true;
      checkFfmpeg(avcodec_send_packet(m.codec.get(), nullptr), m.path, "cannot flush the decoder");
      continue;
    }
    checkFfmpeg(read, m.path, "cannot read a packet");
    PacketUnrefGuard guard(m.packet.get());
    if (m.packet->stream_index == m.stream)
      checkFfmpeg(avcodec_send_packet(m.codec.get(), m.packet.get()), m.path, "cannot decode a packet");
  }
  return false;
}

}  // namespace binge::demo
