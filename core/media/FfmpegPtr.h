#pragma once
// The one place that owns FFmpeg resources (STYLE.md: no naked av_*_free elsewhere). Each FFmpeg type
// gets a deleter and a unique_ptr alias. Input and output format contexts get different aliases
// because FFmpeg frees them with different functions.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>

namespace binge::media {

struct InputFormatDeleter {
  void operator()(AVFormatContext* p) const { avformat_close_input(&p); }
};
struct OutputFormatDeleter {
  void operator()(AVFormatContext* p) const {
    if (p && p->pb && !(p->oformat->flags & AVFMT_NOFILE)) avio_closep(&p->pb);
    avformat_free_context(p);
  }
};
struct CodecContextDeleter {
  void operator()(AVCodecContext* p) const { avcodec_free_context(&p); }
};
struct FrameDeleter {
  void operator()(AVFrame* p) const { av_frame_free(&p); }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
  void operator()(SwsContext* p) const { sws_freeContext(p); }
};
struct SwrDeleter {
  void operator()(SwrContext* p) const { swr_free(&p); }
};

using InputFormatPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;

inline FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

// Unrefs a packet when the loop turn that filled it ends (the packet itself is allocated once).
class PacketUnrefGuard {
 public:
  explicit PacketUnrefGuard(AVPacket* packet) : packet_(packet) {}
  ~PacketUnrefGuard() { av_packet_unref(packet_); }
  PacketUnrefGuard(const PacketUnrefGuard&) = delete;
  PacketUnrefGuard& operator=(const PacketUnrefGuard&) = delete;

 private:
  AVPacket* packet_;
};

}  // namespace binge::media
