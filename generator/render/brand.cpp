#include "render/brand.h"

#include <cmath>
#include <cstdio>

namespace apiref {

namespace {

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0..255
};

bool parse_hex(const std::string& s, Rgb& out) {
  if (s.empty() || s[0] != '#' || (s.size() != 4 && s.size() != 7)) return false;
  for (size_t i = 1; i < s.size(); ++i)
    if (!isxdigit(static_cast<unsigned char>(s[i]))) return false;
  auto hex = [&](size_t at, size_t len) { return static_cast<double>(std::stoi(s.substr(at, len), nullptr, 16)); };
  if (s.size() == 4) out = {hex(1, 1) * 17, hex(2, 1) * 17, hex(3, 1) * 17};
  else out = {hex(1, 2), hex(3, 2), hex(5, 2)};
  return true;
}

double luminance(const Rgb& c) {
  auto channel = [](double v) {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast(const Rgb& a, const Rgb& b) {
  double la = luminance(a), lb = luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

Rgb mix(const Rgb& c, const Rgb& toward, double amount) {
  return {c.r + (toward.r - c.r) * amount, c.g + (toward.g - c.g) * amount, c.b + (toward.b - c.b) * amount};
}

std::string hex_of(const Rgb& c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                static_cast<int>(std::lround(c.b)));
  return buf;
}

// `c` moved toward `toward` in 5% steps until it reaches 4.5:1 against both backgrounds.
Rgb readable(const Rgb& c, const Rgb& toward, const Rgb& bg1, const Rgb& bg2) {
  for (int step = 0; step <= 20; ++step) {
    Rgb m = mix(c, toward, step * 0.05);
    if (contrast(m, bg1) >= 4.5 && contrast(m, bg2) >= 4.5) return m;
  }
  return toward;
}

}  // namespace

double contrast_ratio(const std::string& a, const std::string& b) {
  Rgb x, y;
  if (!parse_hex(a, x) || !parse_hex(b, y)) return 0;
  return contrast(x, y);
}

std::string brand_css(const std::string& color) {
  if (color.empty()) return "";
  Rgb c;
  if (!parse_hex(color, c)) return ":root{--brand:" + color + ";--brand-light:" + color + ";--brand-dark:" + color + "}";
  // The themes' page and panel backgrounds (site/style.css).
  const Rgb white{255, 255, 255}, light_panel{0xf6, 0xf8, 0xfa}, black{0, 0, 0};
  const Rgb dark_bg{0x0f, 0x14, 0x19}, dark_panel{0x16, 0x1b, 0x22};
  return ":root{--brand:" + hex_of(c) + ";--brand-light:" + hex_of(readable(c, black, white, light_panel)) +
         ";--brand-dark:" + hex_of(readable(c, white, dark_bg, dark_panel)) + "}";
}

}  // namespace apiref
