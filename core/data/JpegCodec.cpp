#include "data/JpegCodec.h"

#include <turbojpeg.h>

#include <stdexcept>

namespace binge {

JpegEncoder::JpegEncoder(int quality) : handle_(tjInitCompress()), quality_(quality) {
  if (!handle_) throw std::runtime_error("cannot initialise the JPEG encoder");
}
JpegEncoder::~JpegEncoder() { tjDestroy(handle_); }

std::size_t JpegEncoder::encode(const std::uint8_t* rgb, int width, int height, std::vector<std::uint8_t>& out) {
  const std::size_t before = out.size();
  unsigned long capacity = tjBufSize(width, height, TJSAMP_420);
  out.resize(before + capacity);
  unsigned char* destination = out.data() + before;
  // TJFLAG_NOREALLOC: write into our buffer, sized by tjBufSize for the worst case.
  if (tjCompress2(handle_, rgb, width, 0, height, TJPF_RGB, &destination, &capacity, TJSAMP_420, quality_,
                  TJFLAG_NOREALLOC | TJFLAG_FASTDCT) != 0) {
    out.resize(before);
    throw std::runtime_error(std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle_));
  }
  out.resize(before + capacity);
  return capacity;
}

JpegDecoder::JpegDecoder() : handle_(tjInitDecompress()) {
  if (!handle_) throw std::runtime_error("cannot initialise the JPEG decoder");
}
JpegDecoder::~JpegDecoder() { tjDestroy(handle_); }

void JpegDecoder::decode(const std::uint8_t* jpeg, std::size_t size, int width, int height, std::uint8_t* rgb,
                         bool checkSize) {
  int w = 0, h = 0, subsampling = 0, colorspace = 0;
  if (checkSize) {
    if (tjDecompressHeader3(handle_, jpeg, static_cast<unsigned long>(size), &w, &h, &subsampling, &colorspace) != 0)
      throw std::runtime_error(std::string("corrupt JPEG frame: ") + tjGetErrorStr2(handle_));
    if (w != width || h != height)
      throw std::runtime_error("JPEG frame is " + std::to_string(w) + "x" + std::to_string(h) + ", expected " +
                               std::to_string(width) + "x" + std::to_string(height));
  }
  if (tjDecompress2(handle_, jpeg, static_cast<unsigned long>(size), rgb, width, 0, height, TJPF_RGB, TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(handle_) == TJERR_FATAL)
    throw std::runtime_error(std::string("corrupt JPEG frame: ") + tjGetErrorStr2(handle_));
}

}  // namespace binge
