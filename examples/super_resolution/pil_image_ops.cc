#include "pil_image_ops.h"

#include <algorithm>
#include <cmath>

namespace sr {
namespace {

// Fixed-point coefficients: 22 fractional bits leave 8 bits for the value plus 2 for the
// overshoot of filters with negative lobes (sums stay within int32).
constexpr int kPrecisionBits = 32 - 8 - 2;

double bilinear_kernel(double x) {
  x = std::fabs(x);
  return x < 1.0 ? 1.0 - x : 0.0;
}

// Keys' cubic convolution with a = -0.5 (Pillow's BICUBIC).
double bicubic_kernel(double x) {
  constexpr double a = -0.5;
  x = std::fabs(x);
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
  if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
  return 0.0;
}

// Per output index: the first contributing input index, the count, and fixed-point weights.
struct Coefficients {
  int taps = 0;  // weights per output index (stride of `weights`)
  std::vector<int> first;
  std::vector<int> count;
  std::vector<int32_t> weights;
};

Coefficients compute_coefficients(int in_size, int out_size, ResampleFilter filter) {
  const double base_support = filter == ResampleFilter::kBicubic ? 2.0 : 1.0;
  const double scale = static_cast<double>(in_size) / out_size;
  const double filter_scale = std::max(scale, 1.0);
  const double support = base_support * filter_scale;
  const double inv_filter_scale = 1.0 / filter_scale;
  Coefficients c;
  c.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
  c.first.resize(out_size);
  c.count.resize(out_size);
  c.weights.assign(static_cast<size_t>(out_size) * c.taps, 0);
  std::vector<double> w(c.taps);
  for (int o = 0; o < out_size; ++o) {
    const double center = (o + 0.5) * scale;
    // (int) truncation of "value + 0.5", exactly as Pillow rounds the window bounds.
    const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
    const int hi = std::min(static_cast<int>(center + support + 0.5), in_size);
    const int n = hi - lo;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
      const double t = (i + lo - center + 0.5) * inv_filter_scale;
      w[i] = filter == ResampleFilter::kBicubic ? bicubic_kernel(t) : bilinear_kernel(t);
      sum += w[i];
    }
    for (int i = 0; i < n; ++i) {
      const double normalized = sum != 0.0 ? w[i] / sum : w[i];
      const double fixed = normalized * (1 << kPrecisionBits);
      c.weights[static_cast<size_t>(o) * c.taps + i] =
          static_cast<int32_t>(normalized < 0 ? fixed - 0.5 : fixed + 0.5);
    }
    c.first[o] = lo;
    c.count[o] = n;
  }
  return c;
}

uint8_t clip_fixed(int32_t acc) {
  return static_cast<uint8_t>(std::clamp(acc >> kPrecisionBits, 0, 255));
}

// One resampling pass along x (horizontal) or y, every channel.
Image8 resample_pass(const Image8& in, int out_size, bool horizontal, ResampleFilter filter) {
  const int in_size = horizontal ? in.width : in.height;
  const Coefficients c = compute_coefficients(in_size, out_size, filter);
  Image8 out(horizontal ? out_size : in.width, horizontal ? in.height : out_size, in.channels);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      const int o = horizontal ? x : y;
      const int32_t* k = &c.weights[static_cast<size_t>(o) * c.taps];
      for (int ch = 0; ch < in.channels; ++ch) {
        int32_t acc = 1 << (kPrecisionBits - 1);
        for (int i = 0; i < c.count[o]; ++i) {
          const int src = c.first[o] + i;
          acc += (horizontal ? in.at(src, y, ch) : in.at(x, src, ch)) * k[i];
        }
        out.at(x, y, ch) = clip_fixed(acc);
      }
    }
  }
  return out;
}

// 6-bit fixed-point table entry for coefficient * value, rounded as Pillow's tables are
// ((int)(v + 0.5), i.e. truncation toward zero after adding one half).
int table_entry(double coefficient, int value) {
  return static_cast<int>(coefficient * 64.0 * value + 0.5);
}

uint8_t clamp_u8(int v) {
  return static_cast<uint8_t>(std::clamp(v, 0, 255));
}

}  // namespace

Image8 pil_resize(const Image8& in, int width, int height, ResampleFilter filter) {
  // Rows outside every vertical window are never read, so filtering all rows horizontally
  // gives the same result as Pillow's cropped temporary image.
  Image8 current = in;
  if (width != in.width) current = resample_pass(current, width, /*horizontal=*/true, filter);
  if (height != in.height) current = resample_pass(current, height, /*horizontal=*/false, filter);
  return current;
}

Image8 rgb_to_ycbcr(const Image8& rgb) {
  Image8 out(rgb.width, rgb.height, 3);
  const size_t n = static_cast<size_t>(rgb.width) * rgb.height;
  for (size_t p = 0; p < n; ++p) {
    const int r = rgb.pixels[p * 3], g = rgb.pixels[p * 3 + 1], b = rgb.pixels[p * 3 + 2];
    // Sums of table entries shifted right arithmetically (floor), as in Pillow.
    const int y = (table_entry(0.299, r) + table_entry(0.587, g) + table_entry(0.114, b)) >> 6;
    const int cb =
        ((table_entry(-0.16874, r) + table_entry(-0.33126, g) + table_entry(0.5, b)) >> 6) + 128;
    const int cr =
        ((table_entry(0.5, r) + table_entry(-0.41869, g) + table_entry(-0.08131, b)) >> 6) + 128;
    out.pixels[p * 3] = static_cast<uint8_t>(y);
    out.pixels[p * 3 + 1] = static_cast<uint8_t>(cb);
    out.pixels[p * 3 + 2] = static_cast<uint8_t>(cr);
  }
  return out;
}

Image8 ycbcr_to_rgb(const Image8& ycbcr) {
  Image8 out(ycbcr.width, ycbcr.height, 3);
  const size_t n = static_cast<size_t>(ycbcr.width) * ycbcr.height;
  for (size_t p = 0; p < n; ++p) {
    const int y = ycbcr.pixels[p * 3];
    const int cb = ycbcr.pixels[p * 3 + 1] - 128, cr = ycbcr.pixels[p * 3 + 2] - 128;
    out.pixels[p * 3] = clamp_u8(y + (table_entry(1.402, cr) >> 6));
    out.pixels[p * 3 + 1] =
        clamp_u8(y + ((table_entry(-0.34414, cb) + table_entry(-0.71414, cr)) >> 6));
    out.pixels[p * 3 + 2] = clamp_u8(y + (table_entry(1.772, cb) >> 6));
  }
  return out;
}

Image8 extract_channel(const Image8& in, int channel) {
  Image8 out(in.width, in.height, 1);
  const size_t n = static_cast<size_t>(in.width) * in.height;
  for (size_t p = 0; p < n; ++p) out.pixels[p] = in.pixels[p * in.channels + channel];
  return out;
}

Image8 merge_channels(const std::vector<const Image8*>& planes) {
  const Image8& first = *planes.front();
  const int channels = static_cast<int>(planes.size());
  Image8 out(first.width, first.height, channels);
  const size_t n = static_cast<size_t>(first.width) * first.height;
  for (int c = 0; c < channels; ++c)
    for (size_t p = 0; p < n; ++p) out.pixels[p * channels + c] = planes[c]->pixels[p];
  return out;
}

}  // namespace sr
