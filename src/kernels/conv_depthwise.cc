// Depthwise 2-D convolution: scalar reference, Highway row kernel per target, and the blocked,
// threaded driver that feeds it zero-padded polyphase row blocks (see conv_depthwise.h).
#include "kernels/conv_depthwise.h"

#include <algorithm>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/conv_depthwise.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

// Defined once (this file is compiled once per SIMD target by foreach_target.h).
#ifndef ONYX_CONV_DEPTHWISE_ROWS_DEFINED
#define ONYX_CONV_DEPTHWISE_ROWS_DEFINED
namespace onyx::kernels::detail {

// The 2-D geometry, named: input, output, kernel, stride, dilation, begin pad (h, w).
struct DepthwiseGeometry {
  int64_t ih, iw, oh, ow, kh, kw, sh, sw, dh, dw, ph, pw, channels, planes;
};

// A row block's buffer: padded input rows p = 0 .. (rows_out-1)*sh + (kh-1)*dh of the block
// (padded row p is input row oh0*sh + p - ph), each split into sw phase rows of `width` floats:
// phase row (p, rw) holds padded columns j*sw + rw (input column j*sw + rw - pw), 0 outside x.
// So output (r, ow), tap (kh, kw) reads buf[r * sh*sw*width + ow + tap_offset(kh, kw)] with
//   tap_offset = (kh*dh*sw + (kw*dw) % sw) * width + (kw*dw) / sw   (unit stride across ow).
struct DepthwiseBlock {
  const float* x;  // the plane
  float* buf;
  int64_t oh0, padded_rows, width;
};

// One task's rows for the SIMD kernel: output row r, column ow, is
//   act(bias + sum_t w[t] * buf[r * row_stride + ow + tap_offset[t]]),  t < taps (in that order).
// buf must be readable up to kDepthwiseSlack floats past the last row a full vector touches.
struct DepthwiseRows {
  const float* buf;
  const int32_t* tap_offset;
  const float* w;
  int taps;
  float bias;
  int64_t rows, row_stride, out_width;
  float* y;  // rows x out_width, contiguous
  int activation;
  float lo, hi;
};
constexpr int64_t kDepthwiseSlack = 64;  // floats; >= the widest target's lanes
}  // namespace onyx::kernels::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;
using detail::DepthwiseBlock;
using detail::DepthwiseGeometry;
using detail::DepthwiseRows;

// Copies the in-bounds part of every padded row of the block into its phase rows; the padding
// positions are left as they are (the caller keeps them 0). Reads only inside x's rows.
// Columns j of phase rw with input column j*sw + rw - pw inside [0, iw): [*lo, *hi).
HWY_INLINE void PhaseColumns(const DepthwiseGeometry& g, int64_t width, int64_t rw, int64_t* lo,
                             int64_t* hi) {
  const int64_t col0 = rw - g.pw;
  *lo = std::min(width, col0 >= 0 ? 0 : (-col0 + g.sw - 1) / g.sw);
  const int64_t last = g.iw - 1 - col0;
  *hi = std::max(*lo, std::min(width, last < 0 ? 0 : last / g.sw + 1));
}

// Stride 2: one interleaved load feeds both phase rows of a padded row.
void FillBlockStride2(const DepthwiseGeometry& g, const DepthwiseBlock& b) {
  const DF d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  int64_t lo[2], hi[2];
  PhaseColumns(g, b.width, 0, &lo[0], &hi[0]);
  PhaseColumns(g, b.width, 1, &lo[1], &hi[1]);
  const int64_t col0 = -g.pw;  // input column of phase 0's j = 0 (phase 1: col0 + 1)
  const int64_t v_lo = std::max(lo[0], lo[1]), v_hi = std::min(hi[0], hi[1]);
  for (int64_t p = 0; p < b.padded_rows; ++p) {
    const int64_t ih = b.oh0 * g.sh + p - g.ph;
    if (ih < 0 || ih >= g.ih) continue;
    const float* src = b.x + ih * g.iw;
    float* dst[2] = {b.buf + 2 * p * b.width, b.buf + (2 * p + 1) * b.width};
    for (int rw = 0; rw < 2; ++rw)
      for (int64_t j = lo[rw]; j < std::min(v_lo, hi[rw]); ++j) dst[rw][j] = src[2 * j + col0 + rw];
    // Reads src[2j + col0 .. 2j + col0 + 2N): inside the row while 2(j+N) + col0 <= iw.
    int64_t j = v_lo;
    for (; j + N <= v_hi && 2 * (j + N) + col0 <= g.iw; j += N) {
      VF even, odd;
      hn::LoadInterleaved2(d, src + 2 * j + col0, even, odd);
      hn::StoreU(even, d, dst[0] + j);
      hn::StoreU(odd, d, dst[1] + j);
    }
    for (int rw = 0; rw < 2; ++rw)
      for (int64_t k = std::max(j, lo[rw]); k < hi[rw]; ++k) dst[rw][k] = src[2 * k + col0 + rw];
  }
}

void FillBlockImpl(const DepthwiseGeometry& g, const DepthwiseBlock& b) {
  if (g.sw == 2) return FillBlockStride2(g, b);
  const DF d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  for (int64_t rw = 0; rw < g.sw; ++rw) {
    const int64_t col0 = rw - g.pw;  // input column of j = 0
    int64_t j_lo, j_hi;
    PhaseColumns(g, b.width, rw, &j_lo, &j_hi);
    for (int64_t p = 0; p < b.padded_rows; ++p) {
      const int64_t ih = b.oh0 * g.sh + p - g.ph;
      if (ih < 0 || ih >= g.ih) continue;
      const float* src = b.x + ih * g.iw;
      float* dst = b.buf + (p * g.sw + rw) * b.width;
      int64_t j = j_lo;
      if (g.sw == 1) {
        for (; j + N <= j_hi; j += N) hn::StoreU(hn::LoadU(d, src + j + col0), d, dst + j);
        if (j < j_hi) {
          // Masked-off lanes read as 0 and land on padding, the next row (filled after this one:
          // sw == 1 fills in address order) or the slack, all of which must hold 0 there; a full
          // store is much cheaper than a masked one.
          const auto m = hn::FirstN(d, static_cast<size_t>(j_hi - j));
          hn::StoreU(hn::MaskedLoad(m, d, src + j + col0), d, dst + j);
          j = j_hi;
        }
      }
      for (; j < j_hi; ++j) dst[j] = src[j * g.sw + col0];
    }
  }
}

// Relu / Clip by compare + select (NaN passes through like the standalone ops).
HWY_INLINE VF ActivateDw(DF d, VF v, const DepthwiseRows& a) {
  if (a.activation == static_cast<int>(Activation::kRelu))
    return hn::IfThenElse(hn::Lt(v, hn::Zero(d)), hn::Zero(d), v);
  if (a.activation == static_cast<int>(Activation::kClip)) {
    v = hn::IfThenElse(hn::Lt(v, hn::Set(d, a.lo)), hn::Set(d, a.lo), v);
    return hn::IfThenElse(hn::Gt(v, hn::Set(d, a.hi)), hn::Set(d, a.hi), v);
  }
  return v;
}

// kTaps > 0: the tap count is known and the weights stay in registers; 0: a.taps at run time.
template <int kTaps>
void DepthwiseRowsT(const DepthwiseRows& a) {
  const DF d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  const int taps = kTaps > 0 ? kTaps : a.taps;
  VF wv[kTaps > 0 ? kTaps : 1];
  if constexpr (kTaps > 0)
    for (int t = 0; t < kTaps; ++t) wv[t] = hn::Set(d, a.w[t]);
  auto weight = [&](int t) HWY_ATTR {
    if constexpr (kTaps > 0) return wv[t];
    return hn::Set(d, a.w[t]);
  };
  const VF vb = hn::Set(d, a.bias);
  // Stores row r's vector at column ow. Lanes past out_width are dropped, or spill onto the
  // following rows of the block, which are stored later (callers store in address order).
  const int64_t block_end = a.rows * a.out_width;
  auto store = [&](VF v, int64_t r, int64_t ow) HWY_ATTR {
    float* p = a.y + r * a.out_width + ow;
    if (ow + N <= a.out_width || r * a.out_width + ow + N <= block_end) {
      hn::StoreU(v, d, p);
    } else {  // the block's last tail (a masked store is slow on some CPUs)
      HWY_ALIGN float tmp[hn::MaxLanes(d)];
      hn::Store(v, d, tmp);
      for (int64_t i = 0; i < a.out_width - ow; ++i) p[i] = tmp[i];
    }
  };
  // A tile of R rows x C vectors from (r, ow), stored row by row.
  auto tile = [&](auto r_tag, auto c_tag, int64_t r, int64_t ow) HWY_ATTR {
    constexpr int R = decltype(r_tag)::value, C = decltype(c_tag)::value;
    VF acc[R * C];
    for (int i = 0; i < R * C; ++i) acc[i] = vb;
    const float* src = a.buf + r * a.row_stride + ow;
    for (int t = 0; t < taps; ++t) {
      const VF wt = weight(t);
      const float* p = src + a.tap_offset[t];
      for (int i = 0; i < R; ++i)
        for (int j = 0; j < C; ++j)
          acc[i * C + j] =
              hn::MulAdd(wt, hn::LoadU(d, p + i * a.row_stride + j * N), acc[i * C + j]);
    }
    for (int i = 0; i < R; ++i)
      for (int j = 0; j < C; ++j) store(ActivateDw(d, acc[i * C + j], a), r + i, ow + j * N);
  };
  using I1 = std::integral_constant<int, 1>;
  using I2 = std::integral_constant<int, 2>;
  using I4 = std::integral_constant<int, 4>;
  int64_t r = 0;
  // Narrow rows (one or two vectors): several rows per tile keep 4 accumulator chains going.
  if (a.out_width <= N) {
    for (; r + 4 <= a.rows; r += 4) tile(I4(), I1(), r, 0);
  } else if (a.out_width <= 2 * N) {
    for (; r + 2 <= a.rows; r += 2) tile(I2(), I2(), r, 0);
  }
  for (; r < a.rows; ++r) {
    int64_t ow = 0;
    for (; ow + 4 * N <= a.out_width; ow += 4 * N) tile(I1(), I4(), r, ow);
    for (; ow + 2 * N <= a.out_width; ow += 2 * N) tile(I1(), I2(), r, ow);
    for (; ow < a.out_width; ow += N) tile(I1(), I1(), r, ow);
  }
}

void DepthwiseRowsImpl(const DepthwiseRows& a) {
  if (a.taps == 9) return DepthwiseRowsT<9>(a);
  if (a.taps == 25) return DepthwiseRowsT<25>(a);
  return DepthwiseRowsT<0>(a);
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>

#include "base/cpu.h"

namespace onyx::kernels {

HWY_EXPORT(DepthwiseRowsImpl);
HWY_EXPORT(FillBlockImpl);

namespace {

using detail::DepthwiseGeometry;
constexpr int64_t kBufferFloats = 16384;  // 64 KiB per task, on the stack
constexpr int kMaxTaps = 256;

DepthwiseGeometry to_geometry(const ConvShape& s) {
  return {s.in[0],        s.in[1],
          s.out[0],       s.out[1],
          s.kernel[0],    s.kernel[1],
          s.stride[0],    s.stride[1],
          s.dilation[0],  s.dilation[1],
          s.pad_begin[0], s.pad_begin[1],
          s.out_channels, s.batch * s.out_channels};
}

int64_t ceil_div(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

// Row blocks of a plane (layout: detail::DepthwiseBlock).
struct Blocking {
  int64_t rows_out = 0;  // output rows per block; 0: no block fits the buffer
  int64_t width = 0;     // phase row length: ceil(padded width / sw)
  int64_t blocks = 0;    // row blocks per plane
  int64_t padded_rows(const DepthwiseGeometry& g) const {
    return (rows_out - 1) * g.sh + (g.kh - 1) * g.dh + 1;
  }
  int64_t floats(const DepthwiseGeometry& g) const { return padded_rows(g) * g.sw * width; }
};

// Rows per block: as many as fit the buffer, fewer when there are too few planes for the threads.
Blocking plan(const DepthwiseGeometry& g, int threads) {
  Blocking b;
  const int64_t padded_w = (g.ow - 1) * g.sw + (g.kw - 1) * g.dw + 1;
  b.width = ceil_div(padded_w, g.sw);
  const int64_t rows_fit = (kBufferFloats - detail::kDepthwiseSlack) / (g.sw * b.width);
  const int64_t fit = (rows_fit - (g.kh - 1) * g.dh - 1) / g.sh + 1;
  if (rows_fit < (g.kh - 1) * g.dh + 1 || g.kh * g.kw > kMaxTaps) return b;
  const int64_t want_blocks = ceil_div(4 * threads, g.planes);
  b.blocks = std::max(ceil_div(g.oh, fit), std::min(g.oh, want_blocks));
  b.rows_out = ceil_div(g.oh, b.blocks);
  b.blocks = ceil_div(g.oh, b.rows_out);
  return b;
}

}  // namespace

bool is_depthwise_conv2d(const ConvShape& s) {
  return s.spatial_rank == 2 && s.groups == s.in_channels && s.groups == s.out_channels;
}

void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool) {
  if (force_scalar_kernels())
    reference::depthwise_conv2d(s, x, w, bias, y, act, pool);
  else
    simd::depthwise_conv2d(s, x, w, bias, y, act, pool);
}

namespace simd {
void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool) {
  const DepthwiseGeometry g = to_geometry(s);
  if (g.planes == 0 || g.oh == 0 || g.ow == 0) return;
  const Blocking b = plan(g, pool ? pool->num_threads() : 1);
  if (b.rows_out == 0) return reference::depthwise_conv2d(s, x, w, bias, y, act, pool);
  const int taps = static_cast<int>(g.kh * g.kw);
  int32_t tap_offset[kMaxTaps];
  for (int64_t kh = 0; kh < g.kh; ++kh)
    for (int64_t kw = 0; kw < g.kw; ++kw)
      tap_offset[kh * g.kw + kw] =
          static_cast<int32_t>((kh * g.dh * g.sw + kw * g.dw % g.sw) * b.width + kw * g.dw / g.sw);
  const int64_t used = b.floats(g) + detail::kDepthwiseSlack;
  auto task = [&](int64_t begin, int64_t end) {
    alignas(64) float buf[kBufferFloats];
    int64_t zeroed_for = -1;  // the block start whose padding rows buf holds as zeros
    for (int64_t t = begin; t < end; ++t) {
      // Block-major, so that consecutive tasks share oh0 (and the zeroed padding).
      const int64_t plane = t % g.planes, oh0 = (t / g.planes) * b.rows_out;
      const int64_t c = plane % g.channels;
      // Padding positions depend only on oh0: zero them once per block start.
      if (oh0 != zeroed_for) std::fill(buf, buf + used, 0.0f);
      zeroed_for = oh0;
      HWY_DYNAMIC_DISPATCH(FillBlockImpl)
      (g, {x + plane * g.ih * g.iw, buf, oh0, b.padded_rows(g), b.width});
      detail::DepthwiseRows a;
      a.buf = buf;
      a.tap_offset = tap_offset;
      a.w = w + c * taps;
      a.taps = taps;
      a.bias = bias ? bias[c] : 0.0f;
      a.rows = std::min(b.rows_out, g.oh - oh0);
      a.row_stride = g.sh * g.sw * b.width;
      a.out_width = g.ow;
      a.y = y + (plane * g.oh + oh0) * g.ow;
      a.activation = static_cast<int>(act.activation);
      a.lo = act.clip_min;
      a.hi = act.clip_max;
      HWY_DYNAMIC_DISPATCH(DepthwiseRowsImpl)(a);
    }
  };
  const int64_t tasks = g.planes * b.blocks;
  const int64_t work = b.rows_out * g.ow * taps;  // multiply-adds per task
  if (pool && tasks > 1)
    pool->parallel_for(tasks, std::max<int64_t>(1, 16384 / std::max<int64_t>(1, work)), task);
  else
    task(0, tasks);
}
}  // namespace simd

namespace reference {
void depthwise_conv2d(const ConvShape& s, const float* x, const float* w, const float* bias,
                      float* y, const ConvActivation& act, ThreadPool* pool) {
  const DepthwiseGeometry g = to_geometry(s);
  auto planes = [&](int64_t begin, int64_t end) {
    for (int64_t nc = begin; nc < end; ++nc) {
      const int64_t c = nc % g.channels;
      const float* xc = x + nc * g.ih * g.iw;
      const float* wc = w + c * g.kh * g.kw;
      float* yc = y + nc * g.oh * g.ow;
      const float b = bias ? bias[c] : 0.0f;
      for (int64_t oh = 0; oh < g.oh; ++oh) {
        float* yrow = yc + oh * g.ow;
        std::fill(yrow, yrow + g.ow, b);
        for (int64_t kh = 0; kh < g.kh; ++kh) {
          const int64_t ih = oh * g.sh - g.ph + kh * g.dh;
          if (ih < 0 || ih >= g.ih) continue;
          const float* xrow = xc + ih * g.iw;
          for (int64_t kw = 0; kw < g.kw; ++kw) {
            const float wv = wc[kh * g.kw + kw];
            for (int64_t ow = 0; ow < g.ow; ++ow) {
              const int64_t iw = ow * g.sw - g.pw + kw * g.dw;
              if (iw >= 0 && iw < g.iw) yrow[ow] += wv * xrow[iw];
            }
          }
        }
        for (int64_t ow = 0; ow < g.ow; ++ow) {
          float v = yrow[ow];
          if (act.activation == Activation::kRelu) v = v < 0.0f ? 0.0f : v;
          if (act.activation == Activation::kClip) {
            v = v < act.clip_min ? act.clip_min : v;
            v = v > act.clip_max ? act.clip_max : v;
          }
          yrow[ow] = v;
        }
      }
    }
  };
  if (pool && g.planes > 1)
    pool->parallel_for(g.planes, std::max<int64_t>(1, 4096 / std::max<int64_t>(1, g.oh * g.ow)),
                       planes);
  else
    planes(0, g.planes);
}
}  // namespace reference

}  // namespace onyx::kernels
#endif  // HWY_ONCE
