#include "data/ClipAugmenter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace binge {
namespace {

// Bilinear sampling positions along one axis: for output i, the two source indices and the weight
// of the second. origin and extent are in full-resolution pixels; with subsampling 2 the source is a
// chroma plane of half the resolution whose samples sit midway between two pixels (JPEG's centred
// 4:2:0 siting, which is also what libjpeg's own upsampler assumes).
struct Taps {
  std::vector<int> a, b;
  std::vector<float> w;
};
Taps taps(float origin, float extent, int outSize, int sourceSize, bool reverse, int subsampling = 1) {
  Taps result;
  result.a.resize(static_cast<size_t>(outSize));
  result.b.resize(static_cast<size_t>(outSize));
  result.w.resize(static_cast<size_t>(outSize));
  const float scale = extent / static_cast<float>(outSize);
  const float inverse = 1.0f / static_cast<float>(subsampling);
  for (int i = 0; i < outSize; ++i) {
    const int o = reverse ? outSize - 1 - i : i;
    float s = origin + (static_cast<float>(o) + 0.5f) * scale - 0.5f;
    if (subsampling != 1) s = (s + 0.5f) * inverse - 0.5f;
    s = std::clamp(s, 0.0f, static_cast<float>(sourceSize - 1));
    const int a = static_cast<int>(s);
    const size_t k = static_cast<size_t>(i);
    result.a[k] = a;
    result.b[k] = std::min(a + 1, sourceSize - 1);
    result.w[k] = s - static_cast<float>(a);
  }
  return result;
}
constexpr float kGray[3] = {0.299f, 0.587f, 0.114f};

// By value, not std::min/max's references: keeps the loop below branch-free so it vectorises.
inline float clamp01(float v) {
  v = v > 0.0f ? v : 0.0f;
  return v < 1.0f ? v : 1.0f;
}

// The hot loops below are compiled twice, for AVX2 and for the baseline x86-64 (SSE2), and the
// loader picks the AVX2 copy at run time on CPUs that have it: twice the lanes without giving up
// portable packages.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define BINGE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BINGE_VECTOR_CLONES
#endif

// Floats after a widened row's last pixel, all equal to it (see gatherRowAvx2).
constexpr int kRowPadding = 17;

// The horizontal pass over one planar row already widened to float: dst[x] = lerp(row[a], row[b], w).
// Each output reads two arbitrary source positions, which compilers do not vectorise on their own;
// with AVX2, 8 outputs at a time take them by lane permutes of the source window (see gatherRowAvx2).
// Same operations in the same order either way (no FMA), so results do not depend on the CPU.
void gatherRowScalar(const float* row, const Taps& xs, float* dst, int n) {
  for (int x = 0; x < n; ++x) {
    const float p0 = row[xs.a[static_cast<size_t>(x)]], p1 = row[xs.b[static_cast<size_t>(x)]];
    dst[x] = p0 + (p1 - p0) * xs.w[static_cast<size_t>(x)];
  }
}
#if defined(__x86_64__) && defined(__GNUC__)
// Needs row[] readable up to index max(a) + 17 (see kRowPadding) and row[width] == row[width − 1], so
// that a + 1 stands in for b (b = a + 1 except at the right edge, where the weight is 0).
__attribute__((target("avx2"))) void gatherRowAvx2(const float* row, const Taps& xs, float* dst, int n) {
  const __m256i seven = _mm256_set1_epi32(7), one = _mm256_set1_epi32(1);
  int x = 0;
  for (; x + 8 <= n; x += 8) {
    const int* a = xs.a.data() + x;
    const __m256i ia = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a));
    const int lo = std::min(a[0], a[7]), hi = std::max(a[0], a[7]);  // taps are monotonic
    __m256 p0, p1;
    if (hi - lo <= 15) {
      // The 8 outputs read a window of 17 floats (a crop never shrinks the frame by 2× or more):
      // two loads and lane permutes per operand instead of a hardware gather, which costs several
      // times more on current x86 cores.
      const __m256i rel = _mm256_sub_epi32(ia, _mm256_set1_epi32(lo));
      const __m256 upper = _mm256_castsi256_ps(_mm256_cmpgt_epi32(rel, seven));
      const float* w0 = row + lo;
      p0 = _mm256_blendv_ps(_mm256_permutevar8x32_ps(_mm256_loadu_ps(w0), rel),
                            _mm256_permutevar8x32_ps(_mm256_loadu_ps(w0 + 8), rel), upper);
      p1 = _mm256_blendv_ps(_mm256_permutevar8x32_ps(_mm256_loadu_ps(w0 + 1), rel),
                            _mm256_permutevar8x32_ps(_mm256_loadu_ps(w0 + 9), rel), upper);
    } else {
      p0 = _mm256_i32gather_ps(row, ia, 4);
      p1 = _mm256_i32gather_ps(row, _mm256_add_epi32(ia, one), 4);
    }
    const __m256 w = _mm256_loadu_ps(xs.w.data() + x);
    _mm256_storeu_ps(dst + x, _mm256_add_ps(p0, _mm256_mul_ps(_mm256_sub_ps(p1, p0), w)));
  }
  for (; x < n; ++x) {
    const float p0 = row[xs.a[static_cast<size_t>(x)]], p1 = row[xs.b[static_cast<size_t>(x)]];
    dst[x] = p0 + (p1 - p0) * xs.w[static_cast<size_t>(x)];
  }
}
bool haveAvx2() {
  static const bool have = [] {
    __builtin_cpu_init();  // may run before libgcc's own initialiser
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return have;
}
void gatherRow(const float* row, const Taps& xs, float* dst, int n) {
  if (haveAvx2())
    gatherRowAvx2(row, xs, dst, n);
  else
    gatherRowScalar(row, xs, dst, n);
}
#else
void gatherRow(const float* row, const Taps& xs, float* dst, int n) { gatherRowScalar(row, xs, dst, n); }
#endif

// One output row of the vertical pass: a blend of two horizontally resampled rows, scaled to [0, 1].
// Returns the row's sum, accumulated in 8 independent lanes so the loop vectorises without letting
// the compiler reorder float additions (the lanes' order is fixed, so the result is deterministic).
BINGE_VECTOR_CLONES
float blendRow(const float* __restrict a, const float* __restrict b, float w, float* __restrict dst, int n) {
  constexpr float kInv255 = 1.0f / 255.0f;
  for (int x = 0; x < n; ++x) dst[x] = (a[x] + (b[x] - a[x]) * w) * kInv255;
  float lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int x = 0;
  for (; x + 8 <= n; x += 8)
    for (int l = 0; l < 8; ++l) lanes[l] += dst[x + l];
  float sum = 0;
  for (; x < n; ++x) sum += dst[x];
  for (float lane : lanes) sum += lane;
  return sum;
}

// The colour jitter as one affine map per pixel (see video()), clamp, normalise: planar in, planar out.
// Separate function with restrict pointers so the compiler knows the planes do not overlap and
// vectorises the loop.
BINGE_VECTOR_CLONES
void jitterAndNormalise(const float* __restrict inR, const float* __restrict inG, const float* __restrict inB,
                        float* __restrict outR, float* __restrict outG, float* __restrict outB, size_t count,
                        float own, float mixed, float beta) {
  const float r = 1.0f / kVideoStd[0], g = 1.0f / kVideoStd[1], b = 1.0f / kVideoStd[2];
  for (size_t p = 0; p < count; ++p) {
    const float gray = mixed * (kGray[0] * inR[p] + kGray[1] * inG[p] + kGray[2] * inB[p]) + beta;
    outR[p] = (clamp01(own * inR[p] + gray) - kVideoMean[0]) * r;
    outG[p] = (clamp01(own * inG[p] + gray) - kVideoMean[1]) * g;
    outB[p] = (clamp01(own * inB[p] + gray) - kVideoMean[2]) * b;
  }
}

// The same for resampled YCbCr planes (each scaled to [0, 1]): JPEG's full-range BT.601 conversion to
// RGB, fused with the jitter. Luma is exactly gray(R, G, B) for this matrix, so the saturation mix
// needs no second dot product.
BINGE_VECTOR_CLONES
void yuvJitterAndNormalise(const float* __restrict inY, const float* __restrict inCb, const float* __restrict inCr,
                           float* __restrict outR, float* __restrict outG, float* __restrict outB, size_t count,
                           float own, float mixed, float beta) {
  constexpr float kMid = 128.0f / 255.0f;
  const float r = 1.0f / kVideoStd[0], g = 1.0f / kVideoStd[1], b = 1.0f / kVideoStd[2];
  for (size_t p = 0; p < count; ++p) {
    const float y = inY[p], cb = inCb[p] - kMid, cr = inCr[p] - kMid;
    const float gray = mixed * y + beta;
    outR[p] = (clamp01(own * (y + 1.402f * cr) + gray) - kVideoMean[0]) * r;
    outG[p] = (clamp01(own * (y - 0.344136f * cb - 0.714136f * cr) + gray) - kVideoMean[1]) * g;
    outB[p] = (clamp01(own * (y + 1.772f * cb) + gray) - kVideoMean[2]) * b;
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
// yuvJitterAndNormalise with the same operations in the same order, written with streaming stores:
// the batch tensor (1.2 MB per clip at 112²) is not read again by this thread, so writing around the
// cache saves reading every line in first (half the memory traffic of the pass). Planes must be
// 32-byte aligned.
__attribute__((target("avx2"))) void yuvJitterAndNormaliseStreaming(
    const float* __restrict inY, const float* __restrict inCb, const float* __restrict inCr, float* __restrict outR,
    float* __restrict outG, float* __restrict outB, size_t count, float own, float mixed, float beta) {
  constexpr float kMid = 128.0f / 255.0f;
  const __m256 mid = _mm256_set1_ps(kMid), zero = _mm256_setzero_ps(), unit = _mm256_set1_ps(1.0f);
  const __m256 vOwn = _mm256_set1_ps(own), vMixed = _mm256_set1_ps(mixed), vBeta = _mm256_set1_ps(beta);
  const __m256 kr = _mm256_set1_ps(1.402f), kgb = _mm256_set1_ps(0.344136f), kgr = _mm256_set1_ps(0.714136f),
               kb = _mm256_set1_ps(1.772f);
  const __m256 mean[3] = {_mm256_set1_ps(kVideoMean[0]), _mm256_set1_ps(kVideoMean[1]), _mm256_set1_ps(kVideoMean[2])};
  const __m256 scale[3] = {_mm256_set1_ps(1.0f / kVideoStd[0]), _mm256_set1_ps(1.0f / kVideoStd[1]),
                           _mm256_set1_ps(1.0f / kVideoStd[2])};
  size_t p = 0;
  for (; p + 8 <= count; p += 8) {
    const __m256 y = _mm256_loadu_ps(inY + p);
    const __m256 cb = _mm256_sub_ps(_mm256_loadu_ps(inCb + p), mid), cr = _mm256_sub_ps(_mm256_loadu_ps(inCr + p), mid);
    const __m256 gray = _mm256_add_ps(_mm256_mul_ps(vMixed, y), vBeta);
    const __m256 rgb[3] = {_mm256_add_ps(y, _mm256_mul_ps(kr, cr)),
                           _mm256_sub_ps(_mm256_sub_ps(y, _mm256_mul_ps(kgb, cb)), _mm256_mul_ps(kgr, cr)),
                           _mm256_add_ps(y, _mm256_mul_ps(kb, cb))};
    float* out[3] = {outR + p, outG + p, outB + p};
    for (int c = 0; c < 3; ++c) {
      const __m256 v = _mm256_min_ps(_mm256_max_ps(_mm256_add_ps(_mm256_mul_ps(vOwn, rgb[c]), gray), zero), unit);
      _mm256_stream_ps(out[c], _mm256_mul_ps(_mm256_sub_ps(v, mean[c]), scale[c]));
    }
  }
  _mm_sfence();  // streaming stores are weakly ordered: complete them before the batch changes hands
  if (p < count)
    yuvJitterAndNormalise(inY + p, inCb + p, inCr + p, outR + p, outG + p, outB + p, count - p, own, mixed, beta);
}
#endif

// Separable bilinear resampling of one image of `Channels` interleaved 8-bit channels into
// channel-planar floats in [0, 1] (planes[c * crop² ...]); adds each channel's sum to sums[c]. Each
// source row is interpolated horizontally once (a crop of 40–100 % of the frame maps ~1 source row to
// each output row, so rows are shared by neighbouring outputs), then output rows are vertical blends
// of two such rows, over contiguous floats that the compiler vectorises (AVX2 where present); the
// interleaved per-pixel version this replaces did not (0.42 → 0.22 → 0.15 ms per clip,
// docs/benchmarks.md). rowCache holds 2 × Channels × crop floats; for one channel, widened holds
// width + kRowPadding floats (the source row as float, padded for gatherRow).
template <int Channels>
void resample(const std::uint8_t* image, int width, const Taps& xs, const Taps& ys, int crop, float* planes,
              float* rowCache, float* widened, float* sums) {
  const size_t plane = static_cast<size_t>(crop) * crop;
  const size_t rowBytes = static_cast<size_t>(width) * Channels;
  int cachedRow[2] = {-1, -1};  // source row held in each cache slot; rows a and a+1 differ in parity
  const auto horizontal = [&](int sourceRow) -> const float* {
    const int slot = sourceRow & 1;
    float* dst = rowCache + static_cast<size_t>(slot) * Channels * crop;
    if (cachedRow[slot] == sourceRow) return dst;
    cachedRow[slot] = sourceRow;
    const std::uint8_t* src = image + static_cast<size_t>(sourceRow) * rowBytes;
    if constexpr (Channels == 1) {
      for (int x = 0; x < width; ++x) widened[x] = src[x];  // vectorised
      std::fill(widened + width, widened + width + kRowPadding, widened[width - 1]);
      gatherRow(widened, xs, dst, crop);
    } else {
      for (int x = 0; x < crop; ++x) {
        const std::uint8_t *p0 = src + xs.a[static_cast<size_t>(x)] * Channels, *p1 = src + xs.b[static_cast<size_t>(x)] * Channels;
        const float w = xs.w[static_cast<size_t>(x)];
        for (int c = 0; c < Channels; ++c) dst[c * crop + x] = p0[c] + (p1[c] - p0[c]) * w;
      }
    }
    return dst;
  };
  for (int y = 0; y < crop; ++y) {
    const size_t k = static_cast<size_t>(y);
    const float* top = horizontal(ys.a[k]);
    const float* bottom = horizontal(ys.b[k]);
    for (int c = 0; c < Channels; ++c)
      sums[c] += blendRow(top + c * crop, bottom + c * crop, ys.w[k], planes + c * plane + k * crop, crop);
  }
}

void yuvToOutput(const float* in, float* outR, float* outG, float* outB, size_t plane, float own, float mixed,
                 float beta) {
#if defined(__x86_64__) && defined(__GNUC__)
  const auto aligned = [](const float* q) { return reinterpret_cast<std::uintptr_t>(q) % 32 == 0; };
  if (haveAvx2() && aligned(outR) && aligned(outG) && aligned(outB)) {
    yuvJitterAndNormaliseStreaming(in, in + plane, in + 2 * plane, outR, outG, outB, plane, own, mixed, beta);
    return;
  }
#endif
  yuvJitterAndNormalise(in, in + plane, in + 2 * plane, outR, outG, outB, plane, own, mixed, beta);
}
}  // namespace

VideoView ClipAugmenter::drawView(int frameWidth, int frameHeight, std::mt19937_64& rng) const {
  VideoView view;
  const float w = static_cast<float>(frameWidth), h = static_cast<float>(frameHeight);
  const float crop = static_cast<float>(options_.cropSize);
  if (!options_.train) {
    // crop × crop pixels from the centre, unscaled; a frame smaller than that is scaled up.
    const float side = std::min({w, h, crop});
    view.width = view.height = side;
    view.x0 = (w - side) / 2;
    view.y0 = (h - side) / 2;
    return view;
  }
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  const float area = w * h * (0.4f + 0.6f * unit(rng));
  const float logAspect = std::log(3.0f / 4.0f) + unit(rng) * (std::log(4.0f / 3.0f) - std::log(3.0f / 4.0f));
  const float aspect = std::exp(logAspect);
  view.width = std::min(w, std::sqrt(area * aspect));
  view.height = std::min(h, std::sqrt(area / aspect));
  view.x0 = unit(rng) * (w - view.width);
  view.y0 = unit(rng) * (h - view.height);
  view.flip = unit(rng) < 0.5f;
  view.brightness = 0.7f + 0.6f * unit(rng);
  view.contrast = 0.7f + 0.6f * unit(rng);
  view.saturation = 0.7f + 0.6f * unit(rng);
  return view;
}

void ClipAugmenter::video(const DecodedClip& clip, const VideoView& view, float* out) const {
  const int crop = options_.cropSize;
  const bool yuv = clip.isYuv420();
  const auto xs = taps(view.x0, view.width, crop, clip.width, view.flip);
  const auto ys = taps(view.y0, view.height, crop, clip.height, false);
  Taps chromaXs, chromaYs;
  if (yuv) {
    chromaXs = taps(view.x0, view.width, crop, clip.chromaWidth(), view.flip, 2);
    chromaYs = taps(view.y0, view.height, crop, clip.chromaHeight(), false, 2);
  }
  const size_t plane = static_cast<size_t>(crop) * crop;
  const size_t channelStride = plane * static_cast<size_t>(clip.frames);
  // Scratch, fully written before it is read: no need to zero it.
  const std::unique_ptr<float[]> planes(new float[plane * 3]);  // R, G, B or Y, Cb, Cr of one frame, resampled
  const std::unique_ptr<float[]> rowCache(new float[static_cast<size_t>(crop) * 3 * 2]);
  const std::unique_ptr<float[]> widened(new float[static_cast<size_t>(clip.width + kRowPadding)]);
  for (int t = 0; t < clip.frames; ++t) {
    float sum[3] = {0, 0, 0};
    if (yuv) {
      // Resampling commutes with the (affine) colour conversion, so convert after resampling: the
      // chroma planes are a quarter of the pixels, and JPEG's upsampling and conversion are skipped.
      resample<1>(clip.lumaPlane(t), clip.width, xs, ys, crop, planes.get(), rowCache.get(), widened.get(), sum);
      resample<1>(clip.cbPlane(t), clip.chromaWidth(), chromaXs, chromaYs, crop,
                  planes.get() + plane, rowCache.get(), widened.get(), sum + 1);
      resample<1>(clip.crPlane(t), clip.chromaWidth(), chromaXs, chromaYs, crop,
                  planes.get() + 2 * plane, rowCache.get(), widened.get(), sum + 2);
    } else {
      resample<3>(clip.frame(t), clip.width, xs, ys, crop, planes.get(), rowCache.get(), widened.get(), sum);
    }
    // Brightness b, contrast c (around the brightened mean gray m) and saturation s are one affine map
    // per pixel: v' = s·α·v + (1 − s)·α·gray(v) + β with α = b·c, β = (1 − c)·b·m; then clamp to
    // [0, 1] and normalise. For YCbCr, gray is Y itself.
    const float graySum = yuv ? sum[0] : kGray[0] * sum[0] + kGray[1] * sum[1] + kGray[2] * sum[2];
    const float meanGray = graySum / static_cast<float>(plane);
    const float alpha = view.brightness * view.contrast;
    const float beta = (1.0f - view.contrast) * view.brightness * meanGray;
    const float own = view.saturation * alpha, mixed = (1.0f - view.saturation) * alpha;
    float* outR = out + static_cast<size_t>(t) * plane;
    const float* in = planes.get();
    if (yuv)
      yuvToOutput(in, outR, outR + channelStride, outR + 2 * channelStride, plane, own, mixed, beta);
    else
      jitterAndNormalise(in, in + plane, in + 2 * plane, outR, outR + channelStride, outR + 2 * channelStride, plane, own,
                         mixed, beta);
  }
}

float ClipAugmenter::audioGain(std::mt19937_64& rng) const {
  if (!options_.train) return 1.0f;
  return std::uniform_real_distribution<float>(0.5f, 1.5f)(rng);
}

void ClipAugmenter::maskSpectrogram(std::vector<float>& logMel, int mels, int frames, std::mt19937_64& rng) const {
  if (!options_.train || !options_.audioMasking || mels < 1 || frames < 1) return;
  const float floor = *std::min_element(logMel.begin(), logMel.end());
  std::uniform_int_distribution<int> timeWidth(0, std::min(10, frames)), freqWidth(0, std::min(8, mels));
  const int tw = timeWidth(rng), fw = freqWidth(rng);
  const int t0 = std::uniform_int_distribution<int>(0, frames - tw)(rng);
  const int f0 = std::uniform_int_distribution<int>(0, mels - fw)(rng);
  for (int m = 0; m < mels; ++m)
    for (int t = t0; t < t0 + tw; ++t) logMel[static_cast<size_t>(m) * frames + t] = floor;
  for (int m = f0; m < f0 + fw; ++m)
    for (int t = 0; t < frames; ++t) logMel[static_cast<size_t>(m) * frames + t] = floor;
}

}  // namespace binge
