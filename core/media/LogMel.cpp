#include "media/LogMel.h"

#include <cmath>
#include <stdexcept>

namespace binge::media {
namespace {

constexpr double kPi = 3.14159265358979323846;

double hzToMel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double melToHz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

// Reflect padding as numpy/torch "reflect" (the edge sample is not repeated).
float reflected(const float* x, std::ptrdiff_t n, std::ptrdiff_t i) {
  if (n == 1) return x[0];
  const std::ptrdiff_t period = 2 * (n - 1);
  i %= period;
  if (i < 0) i += period;
  return x[i < n ? i : period - i];
}

}  // namespace

LogMelExtractor::LogMelExtractor(int sampleRate, int melBins, double windowMs, double hopMs)
    : sampleRate_(sampleRate), melBins_(melBins) {
  if (sampleRate <= 0 || melBins <= 0 || windowMs <= 0 || hopMs <= 0)
    throw std::invalid_argument("LogMelExtractor: rates, bins, window and hop must be positive");
  fftSize_ = static_cast<int>(std::lround(sampleRate * windowMs / 1000.0));
  hop_ = std::max(1, static_cast<int>(std::lround(sampleRate * hopMs / 1000.0)));
  if (fftSize_ < 2) throw std::invalid_argument("LogMelExtractor: window shorter than two samples");

  window_.resize(fftSize_);
  for (int i = 0; i < fftSize_; ++i) window_[i] = 0.5 - 0.5 * std::cos(2.0 * kPi * i / fftSize_);  // periodic

  const int bins = fftSize_ / 2 + 1;
  std::vector<double> corners(melBins_ + 2);
  const double top = hzToMel(sampleRate_ / 2.0);
  for (int i = 0; i < melBins_ + 2; ++i) corners[i] = melToHz(top * i / (melBins_ + 1));
  filterbank_.assign(static_cast<std::size_t>(melBins_) * bins, 0.0f);
  for (int m = 0; m < melBins_; ++m) {
    const double left = corners[m], centre = corners[m + 1], right = corners[m + 2];
    for (int b = 0; b < bins; ++b) {
      const double f = static_cast<double>(b) * sampleRate_ / fftSize_;
      const double weight = std::min((f - left) / (centre - left), (right - f) / (right - centre));
      filterbank_[static_cast<std::size_t>(m) * bins + b] = static_cast<float>(std::max(0.0, weight));
    }
  }

  int n = fftSize_;
  for (int p : {4, 2, 3, 5}) {
    while (n % p == 0) {
      factors_.push_back(p);
      n /= p;
    }
  }
  for (int p = 7; n > 1; p += 2) {
    while (n % p == 0) {
      factors_.push_back(p);
      n /= p;
    }
  }
  // Digit-reversed order for the mixed radix: input index -> its position before the first stage.
  permutation_.resize(fftSize_);
  for (int i = 0; i < fftSize_; ++i) {
    int rest = i, reversed = 0, scale = fftSize_;
    for (int p : factors_) {
      scale /= p;
      reversed += (rest % p) * scale;
      rest /= p;
    }
    permutation_[i] = reversed;
  }
  twiddles_.resize(fftSize_);
  for (int k = 0; k < fftSize_; ++k) twiddles_[k] = std::polar(1.0, -2.0 * kPi * k / fftSize_);
}

int LogMelExtractor::frameCount(std::size_t samples) const {
  return samples == 0 ? 0 : 1 + static_cast<int>(samples / hop_);
}

// Iterative decimation in time over the factor list: at each stage, `span` is the size of the DFTs
// already done and p the radix that combines p of them. Stage cost is n * p, so 400 = 4*4*5*5 costs
// 400 * 18 complex multiply-adds per frame instead of 400 * 400 for a plain DFT.
void LogMelExtractor::fft(std::vector<std::complex<double>>& data) const {
  const int n = fftSize_;
  std::vector<std::complex<double>> work(n);
  for (int i = 0; i < n; ++i) work[permutation_[i]] = data[i];
  std::vector<std::complex<double>> temp(n);
  int span = 1;
  for (auto it = factors_.rbegin(); it != factors_.rend(); ++it) {
    const int p = *it;
    const int block = span * p;
    const int twStride = n / block;
    for (int start = 0; start < n; start += block) {
      for (int k = 0; k < span; ++k) {
        for (int q = 0; q < p; ++q) {
          std::complex<double> sum = 0.0;
          for (int r = 0; r < p; ++r) {
            // twiddle exp(-2 pi i r (k + q span) / block)
            const long e = static_cast<long>(r) * (k + q * span) % block;
            sum += work[start + r * span + k] * twiddles_[e * twStride];
          }
          temp[start + q * span + k] = sum;
        }
      }
    }
    std::swap(work, temp);
    span = block;
  }
  data.swap(work);
}

std::vector<float> LogMelExtractor::compute(const float* samples, std::size_t count) const {
  const int frames = frameCount(count);
  const int bins = fftSize_ / 2 + 1;
  std::vector<float> out(static_cast<std::size_t>(melBins_) * frames);
  std::vector<std::complex<double>> buffer(fftSize_);
  std::vector<double> power(bins);
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(count);
  for (int f = 0; f < frames; ++f) {
    const std::ptrdiff_t first = static_cast<std::ptrdiff_t>(f) * hop_ - fftSize_ / 2;
    for (int i = 0; i < fftSize_; ++i) {
      const std::ptrdiff_t at = first + i;
      const float x = (at >= 0 && at < n) ? samples[at] : reflected(samples, n, at);
      buffer[i] = window_[i] * x;
    }
    fft(buffer);
    for (int b = 0; b < bins; ++b) power[b] = std::norm(buffer[b]);
    for (int m = 0; m < melBins_; ++m) {
      const float* weights = filterbank_.data() + static_cast<std::size_t>(m) * bins;
      double energy = 0.0;
      for (int b = 0; b < bins; ++b) energy += weights[b] * power[b];
      out[static_cast<std::size_t>(m) * frames + f] = static_cast<float>(std::log(energy + 1e-6));
    }
  }
  return out;
}

}  // namespace binge::media
