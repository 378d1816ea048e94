#pragma once
// Log-mel spectrogram of mono audio, computed exactly like the field's PyAV/PyTorch reference
// (/work/shared/peers/pyav_clips.py), so numbers from both sides can be compared:
//  - frames: a Hann window of windowMs (periodic, as torch.hann_window) and a hop of hopMs; the FFT
//    size equals the window length (400 samples at 16 kHz, 25 ms), as torch.stft(n_fft=400) does;
//  - frame count rule (torch.stft center=True): the signal is reflect-padded by n_fft/2 on both
//    sides, so N samples give 1 + N / hop frames (integer division); frame k is centred on sample
//    k * hop. 1 s at 16 kHz with a 10 ms hop gives 101 frames;
//  - power spectrum |X|^2 of the n_fft/2 + 1 bins;
//  - mel filterbank: HTK mel scale (mel = 2595 log10(1 + f / 700)), melBins triangles whose corners
//    are equally spaced in mel between 0 Hz and the Nyquist frequency, evaluated at the FFT bin
//    frequencies, without area normalisation;
//  - log(mel energy + 1e-6): the offset keeps silence finite (log(1e-6) = -13.8).
// The FFT is a small mixed-radix (2, 3, 5, any) Cooley-Tukey transform of our own, because the window
// length (400) is not a power of two and we want no new dependency.
// Thread-safety: const methods may be called concurrently; the object holds only precomputed tables.
#include <complex>
#include <vector>

namespace binge::media {

class LogMelExtractor {
 public:
  LogMelExtractor(int sampleRate, int melBins, double windowMs = 25.0, double hopMs = 10.0);

  int fftSize() const { return fftSize_; }
  int hop() const { return hop_; }
  int melBins() const { return melBins_; }
  // 1 + samples / hop (see the frame count rule above); 0 for no samples.
  int frameCount(std::size_t samples) const;

  // Returns [melBins, frameCount] row-major.
  std::vector<float> compute(const float* samples, std::size_t count) const;
  std::vector<float> compute(const std::vector<float>& samples) const { return compute(samples.data(), samples.size()); }

  // The filterbank, [melBins, fftSize/2 + 1] row-major (for tests and plots).
  const std::vector<float>& filterbank() const { return filterbank_; }

 private:
  void fft(std::vector<std::complex<double>>& data) const;

  int sampleRate_;
  int melBins_;
  int fftSize_;
  int hop_;
  std::vector<double> window_;
  std::vector<float> filterbank_;
  std::vector<int> factors_;
  std::vector<int> permutation_;
  std::vector<std::complex<double>> twiddles_;  // exp(-2 pi i k / n), k < n
};

}  // namespace binge::media
