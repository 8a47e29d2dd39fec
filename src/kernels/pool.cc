// Pooling kernels: the reference loop nest over a 3-D view of the spatial dims (leading dims of
// size 1), Highway fast paths for 2-D float max / average pooling and the global pools, and the
// entry points that pick between them (see pool.h).
#include "kernels/pool.h"

#include <algorithm>
#include <limits>
#include <type_traits>

#include "kernels/pool_geometry.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/pool.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;
using detail::Geo;

// mode: 0 max, 1 average over in-bounds elements, 2 average counting pads.
HWY_INLINE float PoolWindow(const Geo& g, const float* xp, int64_t oh, int64_t ow, int mode) {
  if (mode != 0) return detail::average_window(g, xp, 0, oh, ow, mode == 2);
  int64_t at[3];
  return detail::max_window(g, xp, 0, oh, ow, at);
}

// One 2-D plane (g.kernel[0] == g.in[0] == g.out[0] == 1). Interior columns, whose window lies
// inside the row, are computed a vector of outputs at a time for strides 1 and 2; rows of the
// window outside the input are skipped as in the reference; the other columns check each tap's
// column; rows with no window row inside the input use PoolWindow.
void PoolPlaneImpl(const Geo& g, const float* xp, float* yp, int mode) {
  const DF d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  const int64_t IH = g.in[1], IW = g.in[2], OH = g.out[1], OW = g.out[2];
  const int64_t KH = g.kernel[1], KW = g.kernel[2], SH = g.stride[1], SW = g.stride[2];
  const int64_t DH = g.dilation[1], DW = g.dilation[2], PH = g.pb[1], PW = g.pb[2];
  // Interior [ow_lo, ow_hi): ow*SW - PW >= 0 and the last read, ow*SW - PW + (KW-1)*DW (+1 for
  // the odd lane an interleaved stride-2 load also reads), stays inside the row.
  const int64_t extra = SW == 2 ? 1 : 0;
  const int64_t ow_lo = std::min(OW, (PW + SW - 1) / SW);
  const int64_t last = IW - 1 - extra + PW - (KW - 1) * DW;
  int64_t ow_hi = last < 0 ? 0 : std::min(OW, last / SW + 1);
  if (SW > 2 || ow_hi < ow_lo) ow_hi = ow_lo;
  const float* rows[64];
  for (int64_t oh = 0; oh < OH; ++oh) {
    float* yr = yp + oh * OW;
    int nrows = 0;
    int64_t padded_rows = 0;
    for (int64_t kh = 0; kh < KH && nrows < 64; ++kh) {
      const int64_t ih = oh * SH - PH + kh * DH;
      if (ih >= 0 && ih < IH) rows[nrows++] = xp + ih * IW;
      padded_rows += (ih >= -PH && ih < IH + g.pe[1]) ? 1 : 0;
    }
    if (nrows == 0 || KH > 64) {
      for (int64_t ow = 0; ow < OW; ++ow) yr[ow] = PoolWindow(g, xp, oh, ow, mode);
      continue;
    }
    // A border column: the reference's order and divisor, float sum, columns checked per tap.
    auto border = [&](int64_t o) HWY_ATTR {
      const int64_t col = o * SW - PW;
      int64_t in_cols = 0, padded_cols = 0;
      for (int64_t kw = 0; kw < KW; ++kw) {
        const int64_t c = col + kw * DW;
        in_cols += (c >= 0 && c < IW) ? 1 : 0;
        padded_cols += (c >= -PW && c < IW + g.pe[2]) ? 1 : 0;
      }
      float acc = mode == 0 ? -std::numeric_limits<float>::infinity() : 0.0f;
      bool first = true;
      for (int r = 0; r < nrows; ++r)
        for (int64_t kw = 0; kw < KW; ++kw) {
          const int64_t c = col + kw * DW;
          if (c < 0 || c >= IW) continue;
          const float v = rows[r][c];
          if (mode != 0) {
            acc += v;
          } else if (first || v > acc) {
            acc = v;
          }
          first = false;
        }
      const int64_t div = (mode == 2 ? padded_rows * padded_cols : nrows * in_cols);
      yr[o] = mode == 0 ? acc : div > 0 ? acc / static_cast<float>(div) : 0.0f;
    };
    int64_t ow = 0;
    for (; ow < ow_lo; ++ow) border(ow);
    const int64_t divisor = (mode == 2 ? padded_rows : nrows) * KW;
    const VF vdiv = hn::Set(d, static_cast<float>(divisor));
    // Interior outputs [o, o + n) with n == N (vectors) or n < N (scalar, same order).
    auto interior = [&](int64_t o, bool vector) HWY_ATTR {
      const int64_t col = o * SW - PW;
      auto load = [&](const float* row, int64_t kw) HWY_ATTR {
        const float* p = row + col + kw * DW;
        if (SW == 1) return hn::LoadU(d, p);
        VF even, odd;
        hn::LoadInterleaved2(d, p, even, odd);
        return even;
      };
      if (!vector) {  // one output
        float acc = rows[0][col];
        for (int r = 0; r < nrows; ++r)
          for (int64_t kw = r == 0 ? 1 : 0; kw < KW; ++kw) {
            const float v = rows[r][col + kw * DW];
            acc = mode == 0 ? (v > acc ? v : acc) : acc + v;
          }
        yr[o] = mode == 0 ? acc : acc / static_cast<float>(divisor);
        return;
      }
      VF acc = load(rows[0], 0);
      if (mode == 0) {
        for (int r = 0; r < nrows; ++r)
          for (int64_t kw = r == 0 ? 1 : 0; kw < KW; ++kw) {
            const VF v = load(rows[r], kw);
            acc = hn::IfThenElse(hn::Gt(v, acc), v, acc);  // the reference's first-max-wins
          }
      } else {
        for (int r = 0; r < nrows; ++r)
          for (int64_t kw = r == 0 ? 1 : 0; kw < KW; ++kw) acc = hn::Add(acc, load(rows[r], kw));
        acc = hn::Div(acc, vdiv);
      }
      hn::StoreU(acc, d, yr + o);
    };
    if (ow_hi - ow >= N) {
      for (; ow + N <= ow_hi; ow += N) interior(ow, true);
      // The remainder as one vector overlapping the last: recomputed outputs are identical.
      if (ow < ow_hi) interior(ow_hi - N, true);
      ow = ow_hi;
    }
    for (; ow < ow_hi; ++ow) interior(ow, false);
    for (; ow < OW; ++ow) border(ow);
  }
}

// y[p] = max (mode 0) or mean (mode 1) of plane p, p < planes.
void GlobalPoolImpl(const float* x, float* y, int64_t planes, int64_t size, int mode) {
  const DF d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  for (int64_t p = 0; p < planes; ++p) {
    const float* xp = x + p * size;
    int64_t i = 0;
    if (mode == 0) {
      // best < v ? v : best, as std::max in the reference: NaN never replaces a value.
      VF b0 = hn::Set(d, -std::numeric_limits<float>::infinity()), b1 = b0;
      for (; i + 2 * N <= size; i += 2 * N) {
        const VF v0 = hn::LoadU(d, xp + i), v1 = hn::LoadU(d, xp + i + N);
        b0 = hn::IfThenElse(hn::Lt(b0, v0), v0, b0);
        b1 = hn::IfThenElse(hn::Lt(b1, v1), v1, b1);
      }
      HWY_ALIGN float lanes[2 * hn::MaxLanes(d)];
      hn::Store(b0, d, lanes);
      hn::Store(b1, d, lanes + N);
      float best = -std::numeric_limits<float>::infinity();
      for (int64_t j = 0; j < 2 * N; ++j) best = std::max(best, lanes[j]);
      for (; i < size; ++i) best = std::max(best, xp[i]);
      y[p] = best;
    } else {
      VF s0 = hn::Zero(d), s1 = s0, s2 = s0, s3 = s0;
      for (; i + 4 * N <= size; i += 4 * N) {
        s0 = hn::Add(s0, hn::LoadU(d, xp + i));
        s1 = hn::Add(s1, hn::LoadU(d, xp + i + N));
        s2 = hn::Add(s2, hn::LoadU(d, xp + i + 2 * N));
        s3 = hn::Add(s3, hn::LoadU(d, xp + i + 3 * N));
      }
      HWY_ALIGN float lanes[hn::MaxLanes(d)];
      hn::Store(hn::Add(hn::Add(s0, s1), hn::Add(s2, s3)), d, lanes);
      double sum = 0;
      for (int64_t j = 0; j < N; ++j) sum += lanes[j];
      for (; i < size; ++i) sum += xp[i];
      y[p] = size > 0 ? static_cast<float>(sum / static_cast<double>(size)) : 0.0f;
    }
  }
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "base/cpu.h"

namespace onyx::kernels {
using detail::for_planes;
using detail::Geo;
using detail::to_geo;

HWY_EXPORT(PoolPlaneImpl);
HWY_EXPORT(GlobalPoolImpl);

namespace {

bool pool_simd_suitable(const PoolShape& s) {
  return s.spatial_rank <= 2 && !force_scalar_kernels();
}

void pool_2d_simd(const PoolShape& s, const float* x, float* y, int mode, ThreadPool* pool) {
  const Geo g = to_geo(s);
  const int64_t in_plane = g.in[1] * g.in[2], out_plane = g.out[1] * g.out[2];
  for_planes(pool, s.batch * s.channels, out_plane * g.kernel[1] * g.kernel[2],
             [&](int64_t begin, int64_t end) {
               for (int64_t p = begin; p < end; ++p)
                 HWY_DYNAMIC_DISPATCH(PoolPlaneImpl)(g, x + p * in_plane, y + p * out_plane, mode);
             });
}

void global_pool_simd(int64_t planes, int64_t size, const float* x, float* y, int mode,
                      ThreadPool* pool) {
  for_planes(pool, planes, size, [&](int64_t begin, int64_t end) {
    HWY_DYNAMIC_DISPATCH(GlobalPoolImpl)(x + begin * size, y + begin, end - begin, size, mode);
  });
}

}  // namespace

namespace reference {

template <class T>
void max_pool(const PoolShape& s, const T* x, T* y, int64_t* indices, bool column_major_indices,
              ThreadPool* pool) {
  const Geo g = to_geo(s);
  const int64_t in_plane = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_plane = g.out[0] * g.out[1] * g.out[2];
  for_planes(pool, s.batch * s.channels, out_plane * g.kernel[0] * g.kernel[1] * g.kernel[2],
             [&](int64_t begin, int64_t end) {
               for (int64_t p = begin; p < end; ++p) {
                 const T* xp = x + p * in_plane;
                 int64_t o = p * out_plane;
                 for (int64_t od = 0; od < g.out[0]; ++od)
                   for (int64_t oh = 0; oh < g.out[1]; ++oh)
                     for (int64_t ow = 0; ow < g.out[2]; ++ow, ++o) {
                       int64_t at[3];
                       y[o] = detail::max_window(g, xp, od, oh, ow, at);
                       if (!indices) continue;
                       int64_t flat = 0;
                       if (at[0] >= 0) {
                         if (!column_major_indices)
                           flat = (at[0] * g.in[1] + at[1]) * g.in[2] + at[2];
                         else if (g.rank == 1)
                           flat = at[2];
                         else if (g.rank == 2)
                           flat = at[2] * g.in[1] + at[1];
                         else
                           flat = (at[2] * g.in[1] + at[1]) * g.in[0] + at[0];
                       }
                       indices[o] = p * in_plane + flat;
                     }
               }
             });
}

template void max_pool(const PoolShape&, const float*, float*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const double*, double*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const int8_t*, int8_t*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const uint8_t*, uint8_t*, int64_t*, bool, ThreadPool*);

void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool) {
  const Geo g = to_geo(s);
  const int64_t in_plane = g.in[0] * g.in[1] * g.in[2];
  const int64_t out_plane = g.out[0] * g.out[1] * g.out[2];
  for_planes(pool, s.batch * s.channels, out_plane * g.kernel[0] * g.kernel[1] * g.kernel[2],
             [&](int64_t begin, int64_t end) {
               for (int64_t p = begin; p < end; ++p) {
                 const float* xp = x + p * in_plane;
                 float* yp = y + p * out_plane;
                 for (int64_t od = 0; od < g.out[0]; ++od)
                   for (int64_t oh = 0; oh < g.out[1]; ++oh)
                     for (int64_t ow = 0; ow < g.out[2]; ++ow)
                       *yp++ = detail::average_window(g, xp, od, oh, ow, count_include_pad);
               }
             });
}

void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool) {
  for_planes(pool, planes, plane_size, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = x + p * plane_size;
      // 8 partial sums: vectorizable and more accurate than one running sum.
      float part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      int64_t i = 0;
      for (; i + 8 <= plane_size; i += 8)
        for (int j = 0; j < 8; ++j) part[j] += xp[i + j];
      double sum = 0;
      for (; i < plane_size; ++i) sum += xp[i];
      for (float v : part) sum += v;
      y[p] = plane_size > 0 ? static_cast<float>(sum / static_cast<double>(plane_size)) : 0.0f;
    }
  });
}

void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool) {
  for_planes(pool, planes, plane_size, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; ++p) {
      const float* xp = x + p * plane_size;
      float best = -std::numeric_limits<float>::infinity();
      for (int64_t i = 0; i < plane_size; ++i) best = std::max(best, xp[i]);
      y[p] = best;
    }
  });
}

}  // namespace reference

namespace simd {
void max_pool(const PoolShape& s, const float* x, float* y, ThreadPool* pool) {
  if (s.spatial_rank > 2) return reference::max_pool(s, x, y, nullptr, false, pool);
  pool_2d_simd(s, x, y, 0, pool);
}
void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool) {
  if (s.spatial_rank > 2) return reference::average_pool(s, x, y, count_include_pad, pool);
  pool_2d_simd(s, x, y, count_include_pad ? 2 : 1, pool);
}
void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool) {
  global_pool_simd(planes, plane_size, x, y, 1, pool);
}
void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool) {
  global_pool_simd(planes, plane_size, x, y, 0, pool);
}
}  // namespace simd

template <class T>
void max_pool(const PoolShape& s, const T* x, T* y, int64_t* indices, bool column_major_indices,
              ThreadPool* pool) {
  if constexpr (std::is_same_v<T, float>) {
    if (!indices && pool_simd_suitable(s)) return simd::max_pool(s, x, y, pool);
  }
  reference::max_pool(s, x, y, indices, column_major_indices, pool);
}

template void max_pool(const PoolShape&, const float*, float*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const double*, double*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const int8_t*, int8_t*, int64_t*, bool, ThreadPool*);
template void max_pool(const PoolShape&, const uint8_t*, uint8_t*, int64_t*, bool, ThreadPool*);

void average_pool(const PoolShape& s, const float* x, float* y, bool count_include_pad,
                  ThreadPool* pool) {
  if (pool_simd_suitable(s)) return simd::average_pool(s, x, y, count_include_pad, pool);
  reference::average_pool(s, x, y, count_include_pad, pool);
}

void global_average_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                         ThreadPool* pool) {
  if (force_scalar_kernels()) return reference::global_average_pool(planes, plane_size, x, y, pool);
  simd::global_average_pool(planes, plane_size, x, y, pool);
}

void global_max_pool(int64_t planes, int64_t plane_size, const float* x, float* y,
                     ThreadPool* pool) {
  if (force_scalar_kernels()) return reference::global_max_pool(planes, plane_size, x, y, pool);
  simd::global_max_pool(planes, plane_size, x, y, pool);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
