#pragma once
// An RGB24 frame with the few drawing primitives the demo world needs. Everything writes pixels
// directly (no anti-aliasing, no per-pixel trigonometry) so that rendering stays far cheaper than
// encoding. Drawing is clipped to the frame and to an optional clip rectangle.
#include "demo/DemoPlan.h"

#include <cstdint>
#include <vector>

namespace binge::demo {

class Canvas {
 public:
  Canvas(int width, int height);

  int width() const { return width_; }
  int height() const { return height_; }
  const std::uint8_t* data() const { return pixels_.data(); }
  std::uint8_t* data() { return pixels_.data(); }
  std::vector<std::uint8_t>& pixels() { return pixels_; }

  // Drawing outside the clip rectangle is dropped; the default clip is the whole frame.
  void setClip(const Region& clip);
  void resetClip();

  void set(int x, int y, Rgb c) {
    if (x < cx0_ || y < cy0_ || x >= cx1_ || y >= cy1_) return;
    std::uint8_t* p = &pixels_[(static_cast<std::size_t>(y) * width_ + x) * 3];
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
  }
  void fill(Rgb c);
  void rect(int x, int y, int w, int h, Rgb c);
  void frame(int x, int y, int w, int h, int thickness, Rgb c);  // rectangle outline
  void ellipse(int cx, int cy, int rx, int ry, Rgb c);            // filled
  void disc(int cx, int cy, int r, Rgb c) { ellipse(cx, cy, r, r, c); }
  void line(int x0, int y0, int x1, int y1, int thickness, Rgb c);
  void triangle(int x0, int y0, int x1, int y1, int x2, int y2, Rgb c);  // filled

 private:
  int width_, height_;
  int cx0_ = 0, cy0_ = 0, cx1_ = 0, cy1_ = 0;
  std::vector<std::uint8_t> pixels_;
};

Rgb mix(Rgb a, Rgb b, double t);  // a*(1-t) + b*t
Rgb shade(Rgb a, double factor);  // brighter (>1) or darker (<1)

}  // namespace binge::demo
