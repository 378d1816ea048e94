#include "media/MediaProbe.h"

#include "media/FfmpegPtr.h"
#include "media/MediaError.h"
#include "media/MediaInput.h"

extern "C" {
#include <libavutil/display.h>
}

#include <cmath>

namespace binge::media {
namespace {

int displayRotation(const AVStream& stream) {
  // FFmpeg 5.1 keeps the display matrix as stream side data (moved to codecpar in 6.1).
  const uint8_t* matrix = av_stream_get_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
  if (!matrix) return 0;
  const double angle = av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
  if (std::isnan(angle)) return 0;
  // av_display_rotation_get is counter-clockwise; players rotate clockwise by its negation.
  int degrees = static_cast<int>(std::lround(-angle)) % 360;
  if (degrees < 0) degrees += 360;
  return degrees;
}

double streamFps(const AVStream& stream) {
  if (stream.avg_frame_rate.num > 0 && stream.avg_frame_rate.den > 0) return av_q2d(stream.avg_frame_rate);
  if (stream.r_frame_rate.num > 0 && stream.r_frame_rate.den > 0) return av_q2d(stream.r_frame_rate);
  return 0.0;
}

std::string codecName(AVCodecID id) {
  const char* name = avcodec_get_name(id);
  return name ? name : "unknown";
}

}  // namespace

MediaInfo describeMediaInput(const std::string& path, const AVFormatContext& input) {
  MediaInfo info;
  info.path = path;
  info.formatName = input.iformat && input.iformat->name ? input.iformat->name : "";
  if (input.start_time != AV_NOPTS_VALUE) info.startTime = static_cast<double>(input.start_time) / AV_TIME_BASE;

  // av_find_best_stream wants a non-const context but only reads it.
  auto* context = const_cast<AVFormatContext*>(&input);
  const int videoIndex = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (videoIndex >= 0) {
    const AVStream& stream = *input.streams[videoIndex];
    // Cover art is a video stream of one picture, not a movie.
    if (!(stream.disposition & AV_DISPOSITION_ATTACHED_PIC)) {
      ProbedVideo video;
      video.streamIndex = videoIndex;
      video.codec = codecName(stream.codecpar->codec_id);
      video.width = stream.codecpar->width;
      video.height = stream.codecpar->height;
      video.fps = streamFps(stream);
      video.timeBaseNum = stream.time_base.num;
      video.timeBaseDen = stream.time_base.den;
      video.rotation = displayRotation(stream);
      const AVCodecDescriptor* descriptor = avcodec_descriptor_get(stream.codecpar->codec_id);
      video.intraOnly = descriptor && (descriptor->props & AV_CODEC_PROP_INTRA_ONLY);
      info.video = video;
    }
  }
  const int audioIndex = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, videoIndex, nullptr, 0);
  if (audioIndex >= 0) {
    const AVStream& stream = *input.streams[audioIndex];
    ProbedAudio audio;
    audio.streamIndex = audioIndex;
    audio.codec = codecName(stream.codecpar->codec_id);
    audio.sampleRate = stream.codecpar->sample_rate;
    audio.channels = stream.codecpar->ch_layout.nb_channels;
    const char* format = av_get_sample_fmt_name(static_cast<AVSampleFormat>(stream.codecpar->format));
    audio.sampleFormat = format ? format : "";
    info.audio = audio;
  }

  // Container duration first (what ffprobe's format section reports), else the longest stream.
  if (input.duration != AV_NOPTS_VALUE && input.duration > 0) {
    info.duration = static_cast<double>(input.duration) / AV_TIME_BASE;
  } else {
    for (unsigned i = 0; i < input.nb_streams; ++i) {
      const AVStream& stream = *input.streams[i];
      if (stream.duration != AV_NOPTS_VALUE && stream.duration > 0)
        info.duration = std::max(info.duration, timestampSeconds(stream.duration, stream.time_base));
    }
  }
  return info;
}

namespace {
// Catches files whose header is fine but whose data is broken or missing. Returns "" on success.
std::string decodeFirstVideoFrame(const std::string& path, AVFormatContext* input, int index) {
  try {
    const AVStream& stream = *input->streams[index];
    const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
    if (!codec) return "no decoder for video codec " + codecName(stream.codecpar->codec_id);
    CodecContextPtr decoder(avcodec_alloc_context3(codec));
    checkFfmpeg(avcodec_parameters_to_context(decoder.get(), stream.codecpar), path, "video codec parameters");
    decoder->thread_count = 1;
    checkFfmpeg(avcodec_open2(decoder.get(), codec, nullptr), path, "open video decoder");
    PacketPtr packet = makePacket();
    FramePtr frame = makeFrame();
    // A broken file can hold many undecodable packets; give up after a bounded number.
    for (int packets = 0; packets < 2000; ++packets) {
      const int read = av_read_frame(input, packet.get());
      PacketUnrefGuard guard(packet.get());
      if (read < 0) {
        avcodec_send_packet(decoder.get(), nullptr);  // drain what the decoder holds
      } else if (packet->stream_index != index) {
        continue;
      } else if (avcodec_send_packet(decoder.get(), packet.get()) < 0) {
        continue;  // a corrupt packet; a later one may decode
      }
      if (avcodec_receive_frame(decoder.get(), frame.get()) == 0) return "";
      if (read < 0) {
        return read == AVERROR_EOF ? "no video frame could be decoded (damaged or truncated data)"
                                   : "reading failed before the first video frame: " + ffmpegErrorText(read);
      }
    }
    return "no video frame could be decoded in the first 2000 packets";
  } catch (const MediaError& e) {
    return e.reason();
  }
}
}  // namespace

MediaInfo probeMedia(const std::string& path, bool checkDecode) {
  installFfmpegLogRouting();
  const FfmpegLogSilence quiet;  // problems end up in the result or in a MediaError
  const InputFormatPtr input = openMediaInput(path);
  MediaInfo info = describeMediaInput(path, *input);
  if (checkDecode && info.video) info.videoDecodeProblem = decodeFirstVideoFrame(path, input.get(), info.video->streamIndex);
  return info;
}

}  // namespace binge::media
