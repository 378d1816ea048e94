#pragma once
// A plain RGB picture in memory (row-major, 3 bytes per pixel), with the few drawing operations the
// contact sheet needs, and PNG output through FFmpeg's png encoder (no Qt in the core).
#include <cstdint>
#include <string>
#include <vector>

namespace binge::media {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

class RgbImage {
 public:
  RgbImage(int width, int height, Rgb fill = {});
  int width() const { return width_; }
  int height() const { return height_; }
  const std::vector<std::uint8_t>& pixels() const { return pixels_; }

  void set(int x, int y, Rgb colour);  // ignores pixels outside
  Rgb at(int x, int y) const;
  void fillRect(int x, int y, int w, int h, Rgb colour);
  // Copies a w x h RGB block (row stride w * 3) with its top-left corner at (x, y).
  void blit(int x, int y, const std::uint8_t* rgb, int w, int h);
  // Draws text with a built-in 5x7 pixel font (upper case, digits, common punctuation), each font
  // pixel `scale` x `scale`. Returns the width drawn.
  int drawText(int x, int y, const std::string& text, Rgb colour, int scale = 1);
  static int textWidth(const std::string& text, int scale = 1) { return static_cast<int>(text.size()) * 6 * scale; }

  // Throws MediaError naming the path when encoding or writing fails.
  void writePng(const std::string& path) const;

 private:
  int width_;
  int height_;
  std::vector<std::uint8_t> pixels_;
};

}  // namespace binge::media
