#include "train/CheckpointSeal.h"

#include "runtime/Error.h"

#include <cstdio>
#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace binge {
namespace {
// The end record of a zip archive is 22 bytes; its last two hold the length of the comment after it.
constexpr std::size_t kEndRecordBytes = 22;
constexpr char kSealPrefix[] = "binge-crc32:";
constexpr std::size_t kSealBytes = sizeof kSealPrefix - 1 + 8;

std::string sealText(std::uint32_t crc) {
  char text[kSealBytes + 1];
  std::snprintf(text, sizeof text, "%s%08x", kSealPrefix, crc);
  return std::string(text, kSealBytes);
}
}  // namespace

void CheckpointSealer::add(const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  size_ += size;
  // The last two bytes seen are held back: they are the end record's comment length, which finish()
  // changes before they count.
  if (size >= 2) {
    crc_.update(held_, heldCount_);
    crc_.update(bytes, size - 2);
    held_[0] = bytes[size - 2];
    held_[1] = bytes[size - 1];
    heldCount_ = 2;
  } else if (size == 1 && heldCount_ == 2) {
    crc_.update(held_, 1);
    held_[0] = held_[1];
    held_[1] = bytes[0];
  } else if (size == 1) {
    held_[heldCount_++] = bytes[0];
  }
  write_(data, size);
}

void CheckpointSealer::finish() {
  if (size_ < kEndRecordBytes || heldCount_ != 2 || held_[0] != 0 || held_[1] != 0)
    throw Error(ErrorKind::Internal, "the archive does not end in an empty zip comment; cannot seal it");
  const unsigned char length[2] = {static_cast<unsigned char>(kSealBytes), 0};
  patch_(size_ - 2, length, 2);
  crc_.update(length, 2);
  const std::string seal = sealText(crc_.value());
  write_(seal.data(), seal.size());
}

void verifyCheckpointSeal(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Input, "cannot open");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < static_cast<std::streamoff>(kEndRecordBytes + kSealBytes)) throw Error(ErrorKind::Input, "truncated (shorter than its seal)");
  const std::streamoff sealed = size - static_cast<std::streamoff>(kSealBytes);
  std::string seal(kSealBytes, '\0');
  in.seekg(sealed);
  in.read(seal.data(), static_cast<std::streamsize>(kSealBytes));
  if (seal.compare(0, sizeof kSealPrefix - 1, kSealPrefix) != 0)
    throw Error(ErrorKind::Input, "no seal (not a Binge checkpoint, or one written before checkpoints were sealed)");
  Crc32 crc;
  std::vector<char> buffer(1 << 20);
  in.seekg(0);
  for (std::streamoff left = sealed; left > 0;) {
    const auto n = static_cast<std::streamsize>(std::min<std::streamoff>(left, static_cast<std::streamoff>(buffer.size())));
    if (!in.read(buffer.data(), n)) throw Error(ErrorKind::Input, "read failed");
    crc.update(buffer.data(), static_cast<std::size_t>(n));
    left -= n;
  }
  if (seal != sealText(crc.value())) throw Error(ErrorKind::Input, "damaged (whole-file checksum mismatch)");
}

}  // namespace binge
