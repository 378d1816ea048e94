#include "media/MonoResampler.h"

#include "media/MediaError.h"

#include <algorithm>

namespace binge::media {

MonoResampler::~MonoResampler() { av_channel_layout_uninit(&inLayout_); }

void MonoResampler::configureFor(const AVFrame* f, int outRate, const std::string& path) {
  AVChannelLayout layout{};
  if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f->ch_layout.nb_channels == 0) {
    av_channel_layout_default(&layout, std::max(1, f->ch_layout.nb_channels));
  } else {
    av_channel_layout_copy(&layout, &f->ch_layout);
  }
  if (swr_ && inRate_ == f->sample_rate && inFormat_ == f->format && outRate_ == outRate &&
      av_channel_layout_compare(&layout, &inLayout_) == 0) {
    av_channel_layout_uninit(&layout);
    return;
  }
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  SwrContext* raw = nullptr;  // swr_alloc_set_opts2 allocates through this out-parameter
  const int set = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, outRate, &layout,
                                      static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr);
  if (set < 0) av_channel_layout_uninit(&layout);
  checkFfmpeg(set, path, "configure audio resampler");
  swr_.reset(raw);
  const int initialised = swr_init(swr_.get());
  if (initialised < 0) {
    swr_.reset();  // the next frame tries again instead of using a half-made resampler
    av_channel_layout_uninit(&layout);
  }
  checkFfmpeg(initialised, path, "initialise audio resampler");
  av_channel_layout_uninit(&inLayout_);
  inLayout_ = layout;
  inRate_ = f->sample_rate;
  inFormat_ = f->format;
  outRate_ = outRate;
}

void MonoResampler::append(const uint8_t** data, int count, std::vector<float>& out) {
  const int capacity = swr_get_out_samples(swr_.get(), count);
  if (capacity <= 0) return;
  const std::size_t old = out.size();
  out.resize(old + capacity);
  uint8_t* target = reinterpret_cast<uint8_t*>(out.data() + old);
  const int got = swr_convert(swr_.get(), &target, capacity, data, count);
  out.resize(old + std::max(0, got));
}

int64_t MonoResampler::delay(int outRate) const { return swr_get_delay(swr_.get(), outRate); }

}  // namespace binge::media
