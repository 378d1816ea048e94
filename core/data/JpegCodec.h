#pragma once
// libturbojpeg, owned: one compressor or decompressor handle per object. Not thread-safe: one per
// thread (the prepared cache's loader workers each keep their own).
#include <cstdint>
#include <string>
#include <vector>

namespace binge {

class JpegEncoder {
 public:
  explicit JpegEncoder(int quality = 90);
  ~JpegEncoder();
  JpegEncoder(const JpegEncoder&) = delete;
  JpegEncoder& operator=(const JpegEncoder&) = delete;
  // rgb is height × width × 3. Appends the JPEG to `out`; returns its size.
  std::size_t encode(const std::uint8_t* rgb, int width, int height, std::vector<std::uint8_t>& out);

 private:
  void* handle_;
  int quality_;
};

class JpegDecoder {
 public:
  JpegDecoder();
  ~JpegDecoder();
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;
  // Decodes into rgb (width × height × 3, which must match the image). Throws std::runtime_error
  // with libjpeg's message on corrupt data. `checkSize`: first read the header and refuse an image
  // of another size; callers that have already checked these exact bytes skip it (parsing the header
  // twice cost 14% of a 96×72 frame's decode).
  void decode(const std::uint8_t* jpeg, std::size_t size, int width, int height, std::uint8_t* rgb,
              bool checkSize = true);
  // Decodes a 4:2:0 JPEG into its planes, without upsampling or colour conversion: y is width ×
  // height, cb and cr are ((width + 1) / 2) × ((height + 1) / 2), rows unpadded. With checkSize, an
  // image of another size or subsampling is refused. ≈18 % cheaper than decode() on our frames.
  void decodeYuv420(const std::uint8_t* jpeg, std::size_t size, int width, int height, std::uint8_t* y,
                    std::uint8_t* cb, std::uint8_t* cr, bool checkSize = true);

 private:
  // Throws unless the header says width × height (and, when subsampling >= 0, that subsampling).
  void checkHeader(const std::uint8_t* jpeg, std::size_t size, int width, int height, int subsampling = -1);

  void* handle_;
};

}  // namespace binge
