#include "demo/Canvas.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace binge::demo {

Canvas::Canvas(int width, int height)
    : width_(width), height_(height), cx1_(width), cy1_(height), pixels_(static_cast<std::size_t>(width) * height * 3) {}

void Canvas::setClip(const Region& clip) {
  cx0_ = std::max(0, clip.x);
  cy0_ = std::max(0, clip.y);
  cx1_ = std::min(width_, clip.x + clip.w);
  cy1_ = std::min(height_, clip.y + clip.h);
}

void Canvas::resetClip() {
  cx0_ = cy0_ = 0;
  cx1_ = width_;
  cy1_ = height_;
}

void Canvas::fill(Rgb c) {
  for (std::size_t i = 0; i < pixels_.size(); i += 3) {
    pixels_[i] = c.r;
    pixels_[i + 1] = c.g;
    pixels_[i + 2] = c.b;
  }
}

void Canvas::rect(int x, int y, int w, int h, Rgb c) {
  const int x0 = std::max(x, cx0_), x1 = std::min(x + w, cx1_);
  const int y0 = std::max(y, cy0_), y1 = std::min(y + h, cy1_);
  for (int yy = y0; yy < y1; ++yy) {
    std::uint8_t* p = &pixels_[(static_cast<std::size_t>(yy) * width_ + x0) * 3];
    for (int xx = x0; xx < x1; ++xx, p += 3) {
      p[0] = c.r;
      p[1] = c.g;
      p[2] = c.b;
    }
  }
}

void Canvas::frame(int x, int y, int w, int h, int t, Rgb c) {
  rect(x, y, w, t, c);
  rect(x, y + h - t, w, t, c);
  rect(x, y, t, h, c);
  rect(x + w - t, y, t, h, c);
}

void Canvas::ellipse(int cx, int cy, int rx, int ry, Rgb c) {
  if (rx <= 0 || ry <= 0) return;
  // One square root per row, not per pixel.
  for (int dy = -ry; dy <= ry; ++dy) {
    const double f = 1.0 - static_cast<double>(dy * dy) / (static_cast<double>(ry) * ry);
    const int half = static_cast<int>(std::lround(rx * std::sqrt(std::max(0.0, f))));
    rect(cx - half, cy + dy, 2 * half + 1, 1, c);
  }
}

void Canvas::line(int x0, int y0, int x1, int y1, int thickness, Rgb c) {
  const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  const int r = thickness / 2;
  for (int i = 0; i <= steps; ++i) {
    const double u = steps ? static_cast<double>(i) / steps : 0.0;
    const int x = static_cast<int>(std::lround(x0 + (x1 - x0) * u));
    const int y = static_cast<int>(std::lround(y0 + (y1 - y0) * u));
    rect(x - r, y - r, thickness, thickness, c);
  }
}

void Canvas::triangle(int x0, int y0, int x1, int y1, int x2, int y2, Rgb c) {
  const int minY = std::min({y0, y1, y2}), maxY = std::max({y0, y1, y2});
  auto edge = [](int ax, int ay, int bx, int by, int y, double& lo, double& hi) {
    if ((y < ay && y < by) || (y > ay && y > by) || ay == by) return;
    const double x = ax + (bx - ax) * static_cast<double>(y - ay) / (by - ay);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  };
  for (int y = minY; y <= maxY; ++y) {
    double lo = 1e9, hi = -1e9;
    edge(x0, y0, x1, y1, y, lo, hi);
    edge(x1, y1, x2, y2, y, lo, hi);
    edge(x2, y2, x0, y0, y, lo, hi);
    if (lo > hi) continue;
    const int a = static_cast<int>(std::lround(lo)), b = static_cast<int>(std::lround(hi));
    rect(a, y, b - a + 1, 1, c);
  }
}

Rgb mix(Rgb a, Rgb b, double t) {
  auto m = [t](std::uint8_t u, std::uint8_t v) {
    return static_cast<std::uint8_t>(std::lround(u * (1 - t) + v * t));
  };
  return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b)};
}

Rgb shade(Rgb a, double f) {
  auto s = [f](std::uint8_t u) { return static_cast<std::uint8_t>(std::clamp(std::lround(u * f), 0L, 255L)); };
  return {s(a.r), s(a.g), s(a.b)};
}

}  // namespace binge::demo
