// Transposed convolution: GEMM + col2im, and the direct reference.
#include "kernels/conv_transpose.h"

#include <algorithm>

#include "kernels/conv_geometry.h"
#include "kernels/dispatch.h"
#include "kernels/gemm.h"

namespace onyx::kernels {
namespace {

// Fills each output plane of every image with its channel's bias (or 0).
void fill_bias(const ConvShape& s, int64_t out_plane, const float* bias, float* y) {
  for (int64_t n = 0; n < s.batch; ++n)
    for (int64_t m = 0; m < s.out_channels; ++m) {
      float* yp = y + (n * s.out_channels + m) * out_plane;
      std::fill(yp, yp + out_plane, bias ? bias[m] : 0.0f);
    }
}

// Input positions i in [0, in) whose i*stride + offset lands in [0, out): [*lo, *hi).
void valid_range(int64_t in, int64_t out, int64_t stride, int64_t offset, int64_t* lo,
                 int64_t* hi) {
  // i*stride + offset >= 0  <=>  i >= ceil(-offset / stride)
  int64_t first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  // i*stride + offset < out  <=>  i < ceil((out - offset) / stride)
  int64_t last = out - offset <= 0 ? 0 : (out - offset + stride - 1) / stride;
  *lo = std::min(first, in);
  *hi = std::clamp(last, *lo, in);
}

}  // namespace

size_t conv_transpose_scratch_bytes(const ConvShape& s) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t rows = s.out_channels / s.groups * g.kernel_size();
  return static_cast<size_t>(rows * g.in_plane()) * sizeof(float) + 64;
}

void col2im_add(const ConvShape& s, const float* cols, int64_t mg, float* y, ThreadPool* pool) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t in_plane = g.in_plane(), out_plane = g.out_plane(), ks = g.kernel_size();
  auto body = [&](int64_t m_begin, int64_t m_end) {
    for (int64_t m = m_begin; m < m_end; ++m) {
      float* yp = y + m * out_plane;
      for (int64_t kd = 0; kd < g.kernel[0]; ++kd)
        for (int64_t kh = 0; kh < g.kernel[1]; ++kh)
          for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
            const float* row =
                cols + (m * ks + (kd * g.kernel[1] + kh) * g.kernel[2] + kw) * in_plane;
            int64_t d0, d1, h0, h1, w0, w1;
            const int64_t od_off = kd * g.dilation[0] - g.pad[0];
            const int64_t oh_off = kh * g.dilation[1] - g.pad[1];
            const int64_t ow_off = kw * g.dilation[2] - g.pad[2];
            valid_range(g.in[0], g.out[0], g.stride[0], od_off, &d0, &d1);
            valid_range(g.in[1], g.out[1], g.stride[1], oh_off, &h0, &h1);
            valid_range(g.in[2], g.out[2], g.stride[2], ow_off, &w0, &w1);
            for (int64_t id = d0; id < d1; ++id)
              for (int64_t ih = h0; ih < h1; ++ih) {
                const float* src = row + (id * g.in[1] + ih) * g.in[2];
                float* dst =
                    yp +
                    ((id * g.stride[0] + od_off) * g.out[1] + ih * g.stride[1] + oh_off) * g.out[2];
                const int64_t sw = g.stride[2];
                for (int64_t iw = w0; iw < w1; ++iw) dst[iw * sw + ow_off] += src[iw];
              }
          }
    }
  };
  if (pool && mg > 1)
    pool->parallel_for(mg, 1, body);
  else
    body(0, mg);
}

void conv_transpose(const ConvShape& s, const float* x, const float* w, const float* bias, float* y,
                    ThreadPool* pool, void* scratch) {
  if (!simd_kernels_enabled()) return conv_transpose_reference(s, x, w, bias, y);
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t in_plane = g.in_plane(), out_plane = g.out_plane();
  const int64_t cg = s.in_channels / s.groups, mg = s.out_channels / s.groups;
  const int64_t rows = mg * g.kernel_size();
  auto* cols = reinterpret_cast<float*>((reinterpret_cast<uintptr_t>(scratch) + 63) &
                                        ~static_cast<uintptr_t>(63));
  fill_bias(s, out_plane, bias, y);
  if (in_plane == 0 || rows == 0) return;
  for (int64_t n = 0; n < s.batch; ++n)
    for (int64_t grp = 0; grp < s.groups; ++grp) {
      const float* xg = x + (n * s.in_channels + grp * cg) * in_plane;
      const float* wg = w + grp * cg * rows;  // [cg, rows]
      if (cg == 0) continue;
      // cols [rows, in_plane] = wg^T [rows, cg] * xg [cg, in_plane]
      gemm(rows, in_plane, cg, 1.0f, GemmOperand::matrix(wg, rows, true),
           GemmOperand::matrix(xg, in_plane), 0.0f, cols, in_plane, {}, pool);
      col2im_add(s, cols, mg, y + (n * s.out_channels + grp * mg) * out_plane, pool);
    }
}

void conv_transpose_reference(const ConvShape& s, const float* x, const float* w, const float* bias,
                              float* y) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t in_plane = g.in_plane(), out_plane = g.out_plane(), ks = g.kernel_size();
  const int64_t cg = s.in_channels / s.groups, mg = s.out_channels / s.groups;
  fill_bias(s, out_plane, bias, y);
  for (int64_t n = 0; n < s.batch; ++n)
    for (int64_t c = 0; c < s.in_channels; ++c) {
      const int64_t grp = c / cg;
      const float* xp = x + (n * s.in_channels + c) * in_plane;
      for (int64_t m = 0; m < mg; ++m) {
        float* yp = y + (n * s.out_channels + grp * mg + m) * out_plane;
        const float* wp = w + (c * mg + m) * ks;
        for (int64_t id = 0; id < g.in[0]; ++id)
          for (int64_t ih = 0; ih < g.in[1]; ++ih)
            for (int64_t iw = 0; iw < g.in[2]; ++iw) {
              const float xv = xp[(id * g.in[1] + ih) * g.in[2] + iw];
              for (int64_t kd = 0; kd < g.kernel[0]; ++kd) {
                const int64_t od = id * g.stride[0] - g.pad[0] + kd * g.dilation[0];
                if (od < 0 || od >= g.out[0]) continue;
                for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
                  const int64_t oh = ih * g.stride[1] - g.pad[1] + kh * g.dilation[1];
                  if (oh < 0 || oh >= g.out[1]) continue;
                  for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
                    const int64_t ow = iw * g.stride[2] - g.pad[2] + kw * g.dilation[2];
                    if (ow < 0 || ow >= g.out[2]) continue;
                    yp[(od * g.out[1] + oh) * g.out[2] + ow] +=
                        xv * wp[(kd * g.kernel[1] + kh) * g.kernel[2] + kw];
                  }
                }
              }
            }
      }
    }
}

}  // namespace onyx::kernels
