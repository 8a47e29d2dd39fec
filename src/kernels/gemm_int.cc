#include "kernels/gemm_int.h"

#include <algorithm>
#include <vector>

#include "kernels/conv_geometry.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {
namespace {

constexpr int64_t kBlockK = 256;
constexpr int64_t kRowGrain = 4;  // rows per parallel task

}  // namespace

template <class TA, class TB>
void gemm_int(int64_t M, int64_t N, int64_t K, const TA* a, int64_t lda, const int32_t* a_zero,
              const TB* b, int64_t ldb, const int32_t* b_zero, int32_t* c, int64_t ldc,
              ThreadPool* pool) {
  parallel_ranges(pool, M, kRowGrain, [&](int64_t m0, int64_t m1) {
    for (int64_t m = m0; m < m1; ++m) std::fill(c + m * ldc, c + m * ldc + N, 0);
    for (int64_t k0 = 0; k0 < K; k0 += kBlockK) {
      const int64_t k1 = std::min(K, k0 + kBlockK);
      for (int64_t m = m0; m < m1; ++m) {
        int32_t* crow = c + m * ldc;
        for (int64_t k = k0; k < k1; ++k) {
          const int32_t av = static_cast<int32_t>(a[m * lda + k]) - a_zero[m];
          if (av == 0) continue;
          const TB* brow = b + k * ldb;
          for (int64_t n = 0; n < N; ++n)
            crow[n] += av * (static_cast<int32_t>(brow[n]) - b_zero[n]);
        }
      }
    }
  });
}

size_t conv_int_scratch(const ConvShape& s) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t cg = s.in_channels / s.groups;
  return static_cast<size_t>(cg * g.kernel_size() * g.out_plane());
}

template <class TX, class TW>
void conv_int(const ConvShape& s, const TX* x, int32_t x_zero, const TW* w, const int32_t* w_zero,
              int32_t* y, TX* scratch, ThreadPool* pool) {
  const detail::Geometry3 g = detail::to_geometry3(s);
  const int64_t cg = s.in_channels / s.groups;
  const int64_t mg = s.out_channels / s.groups;
  const int64_t ks = g.kernel_size();
  const int64_t rows = cg * ks;  // patch-matrix rows: (c, k...)
  const int64_t plane = g.out_plane();
  const std::vector<int32_t> col_zero(static_cast<size_t>(plane), x_zero);
  const TX pad = static_cast<TX>(x_zero);
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t grp = 0; grp < s.groups; ++grp) {
      const TX* xg = x + (n * s.in_channels + grp * cg) * g.in_plane();
      // im2col: scratch[(c, k0, k1, k2), (o0, o1, o2)]
      for (int64_t c = 0; c < cg; ++c)
        for (int64_t k0 = 0; k0 < g.kernel[0]; ++k0)
          for (int64_t k1 = 0; k1 < g.kernel[1]; ++k1)
            for (int64_t k2 = 0; k2 < g.kernel[2]; ++k2) {
              const int64_t row = ((c * g.kernel[0] + k0) * g.kernel[1] + k1) * g.kernel[2] + k2;
              TX* dst = scratch + row * plane;
              for (int64_t o0 = 0; o0 < g.out[0]; ++o0) {
                const int64_t i0 = o0 * g.stride[0] - g.pad[0] + k0 * g.dilation[0];
                for (int64_t o1 = 0; o1 < g.out[1]; ++o1) {
                  const int64_t i1 = o1 * g.stride[1] - g.pad[1] + k1 * g.dilation[1];
                  for (int64_t o2 = 0; o2 < g.out[2]; ++o2) {
                    const int64_t i2 = o2 * g.stride[2] - g.pad[2] + k2 * g.dilation[2];
                    const bool inside = i0 >= 0 && i0 < g.in[0] && i1 >= 0 && i1 < g.in[1] &&
                                        i2 >= 0 && i2 < g.in[2];
                    *dst++ = inside ? xg[(c * g.in[0] + i0) * g.in[1] * g.in[2] + i1 * g.in[2] + i2]
                                    : pad;
                  }
                }
              }
            }
      const int64_t m0 = grp * mg;
      gemm_int<TW, TX>(mg, plane, rows, w + m0 * rows, rows, w_zero + m0, scratch, plane,
                       col_zero.data(), y + (n * s.out_channels + m0) * plane, plane, pool);
    }
  }
}

#define ONYX_GEMM_INT(TA, TB)                                                                     \
  template void gemm_int<TA, TB>(int64_t, int64_t, int64_t, const TA*, int64_t, const int32_t*,   \
                                 const TB*, int64_t, const int32_t*, int32_t*, int64_t,           \
                                 ThreadPool*);                                                    \
  template void conv_int<TA, TB>(const ConvShape&, const TA*, int32_t, const TB*, const int32_t*, \
                                 int32_t*, TA*, ThreadPool*);
ONYX_GEMM_INT(uint8_t, uint8_t)
ONYX_GEMM_INT(uint8_t, int8_t)
ONYX_GEMM_INT(int8_t, uint8_t)
ONYX_GEMM_INT(int8_t, int8_t)
#undef ONYX_GEMM_INT

}  // namespace onyx::kernels
