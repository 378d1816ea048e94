#include "data/JpegCodec.h"

#include "runtime/Error.h"

#include <turbojpeg.h>

#include <stdexcept>

namespace binge {

JpegEncoder::JpegEncoder(int quality) : handle_(tjInitCompress()), quality_(quality) {
  if (!handle_) throw Error(ErrorKind::Internal, "cannot initialise the JPEG encoder");
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
    throw Error(ErrorKind::Internal, std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle_));
  }
  out.resize(before + capacity);
  return capacity;
}

JpegDecoder::JpegDecoder() : handle_(tjInitDecompress()) {
  if (!handle_) throw Error(ErrorKind::Internal, "cannot initialise the JPEG decoder");
}
JpegDecoder::~JpegDecoder() { tjDestroy(handle_); }

void JpegDecoder::checkHeader(const std::uint8_t* jpeg, std::size_t size, int width, int height, int subsampling) {
  int w = 0, h = 0, actualSubsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle_, jpeg, static_cast<unsigned long>(size), &w, &h, &actualSubsampling, &colorspace) != 0)
    throw Error(ErrorKind::Input, std::string("corrupt JPEG frame: ") + tjGetErrorStr2(handle_));
  if (w != width || h != height)
    throw Error(ErrorKind::Input, "JPEG frame is " + std::to_string(w) + "x" + std::to_string(h) + ", expected " +
                             std::to_string(width) + "x" + std::to_string(height));
  if (subsampling >= 0 && actualSubsampling != subsampling)
    throw Error(ErrorKind::Input, "JPEG frame has chroma subsampling " + std::to_string(actualSubsampling) + ", expected 4:2:0");
}

void JpegDecoder::decode(const std::uint8_t* jpeg, std::size_t size, int width, int height, std::uint8_t* rgb,
                         bool checkSize) {
  if (checkSize) checkHeader(jpeg, size, width, height);
  if (tjDecompress2(handle_, jpeg, static_cast<unsigned long>(size), rgb, width, 0, height, TJPF_RGB, TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(handle_) == TJERR_FATAL)
    throw Error(ErrorKind::Input, std::string("corrupt JPEG frame: ") + tjGetErrorStr2(handle_));
}

void JpegDecoder::decodeYuv420(const std::uint8_t* jpeg, std::size_t size, int width, int height, std::uint8_t* y,
                               std::uint8_t* cb, std::uint8_t* cr, bool checkSize) {
  if (checkSize) checkHeader(jpeg, size, width, height, TJSAMP_420);
  unsigned char* planes[3] = {y, cb, cr};
  const int chromaWidth = (width + 1) / 2;
  int strides[3] = {width, chromaWidth, chromaWidth};  // libjpeg-turbo 2.1 takes them non-const
  if (tjDecompressToYUVPlanes(handle_, jpeg, static_cast<unsigned long>(size), planes, width, strides, height,
                              TJFLAG_FASTDCT) != 0 &&
      tjGetErrorCode(handle_) == TJERR_FATAL)
    throw Error(ErrorKind::Input, std::string("corrupt JPEG frame: ") + tjGetErrorStr2(handle_));
}

}  // namespace binge
