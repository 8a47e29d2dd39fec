#include "kernels/deform_conv.h"

#include <cmath>

#include "kernels/gemm.h"

namespace onyx::kernels {
namespace {

// Bilinear sample of an h x w plane at (py, px); taps outside the plane read 0.
float bilinear(const float* plane, int64_t h, int64_t w, float py, float px) {
  const float fy = std::floor(py), fx = std::floor(px);
  const int64_t y0 = static_cast<int64_t>(fy), x0 = static_cast<int64_t>(fx);
  const float dy = py - fy, dx = px - fx;
  auto at = [&](int64_t yy, int64_t xx) {
    return (yy < 0 || yy >= h || xx < 0 || xx >= w) ? 0.0f : plane[yy * w + xx];
  };
  return (1 - dy) * ((1 - dx) * at(y0, x0) + dx * at(y0, x0 + 1)) +
         dy * ((1 - dx) * at(y0 + 1, x0) + dx * at(y0 + 1, x0 + 1));
}

}  // namespace

size_t deform_conv_scratch_bytes(const DeformConvShape& s) {
  const int64_t rows = s.in_channels / s.groups * s.kernel_h * s.kernel_w;
  return static_cast<size_t>(rows * s.out_h * s.out_w) * sizeof(float) + 64;
}

void deform_conv(const DeformConvShape& s, const float* x, const float* w, const float* offset,
                 const float* mask, const float* bias, float* y, ThreadPool* pool, void* scratch) {
  const int64_t cg = s.in_channels / s.groups, mg = s.out_channels / s.groups;
  const int64_t taps = s.kernel_h * s.kernel_w, pixels = s.out_h * s.out_w;
  const int64_t in_plane = s.in_h * s.in_w, rows = cg * taps;
  const int64_t channels_per_og = s.in_channels / s.offset_groups;
  auto* cols = reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(scratch) + 63) &
                                        ~static_cast<uintptr_t>(63));
  if (pixels == 0 || mg == 0) return;
  if (rows == 0) {  // no input channels: y is the bias
    for (int64_t n = 0; n < s.batch; ++n)
      for (int64_t m = 0; m < s.out_channels; ++m)
        for (int64_t p = 0; p < pixels; ++p)
          y[(n * s.out_channels + m) * pixels + p] = bias ? bias[m] : 0.0f;
    return;
  }
  for (int64_t n = 0; n < s.batch; ++n)
    for (int64_t g = 0; g < s.groups; ++g) {
      auto fill_rows = [&](int64_t r0, int64_t r1) {
        for (int64_t row = r0; row < r1; ++row) {
          const int64_t c = g * cg + row / taps, tap = row % taps;
          const int64_t a = tap / s.kernel_w, b = tap % s.kernel_w;
          const int64_t og = c / channels_per_og;
          const float* plane = x + (n * s.in_channels + c) * in_plane;
          const float* off_h = offset + ((n * s.offset_groups + og) * taps + tap) * 2 * pixels;
          const float* off_w = off_h + pixels;
          const float* m =
              mask ? mask + ((n * s.offset_groups + og) * taps + tap) * pixels : nullptr;
          float* dst = cols + row * pixels;
          for (int64_t i = 0; i < s.out_h; ++i)
            for (int64_t j = 0; j < s.out_w; ++j) {
              const int64_t p = i * s.out_w + j;
              const float py =
                  static_cast<float>(i * s.stride_h - s.pad_h + a * s.dilation_h) + off_h[p];
              const float px =
                  static_cast<float>(j * s.stride_w - s.pad_w + b * s.dilation_w) + off_w[p];
              const float v = bilinear(plane, s.in_h, s.in_w, py, px);
              dst[p] = m ? v * m[p] : v;
            }
        }
      };
      if (pool && rows > 1)
        pool->parallel_for(rows, 1, fill_rows);
      else
        fill_rows(0, rows);
      float* yg = y + (n * s.out_channels + g * mg) * pixels;
      GemmEpilogue ep;
      ep.row_bias = bias ? bias + g * mg : nullptr;
      // y_g [mg, pixels] = w_g [mg, rows] * cols [rows, pixels] (+ bias per row)
      gemm(mg, pixels, rows, 1.0f, GemmOperand::matrix(w + g * mg * rows, rows),
           GemmOperand::matrix(cols, pixels), 0.0f, yg, pixels, ep, pool);
    }
}

}  // namespace onyx::kernels
