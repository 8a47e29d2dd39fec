// Per-target GEMM register kernels (include after hwy/highway.h, inside the foreach_target
// re-inclusion of gemm.cc). Two families share one store path:
//   TileKernel<R, NV>:    R rows (1..kMR) x NV vectors (1..2) of C from a packed A panel
//                         (stride kMR per k) and a packed B panel (stride 2 vectors per k), over
//                         one K block; the tile shape is picked per call, so M and N tails do no
//                         work on padding rows and (for N tails of <= one vector) columns.
//   SkinnyKernel<R, P>:   R rows (1..kSkinnyRows) x P whole B panels (2 vectors each) over all
//                         of K, reading A unpacked (any strides) and B through (k stride, panel
//                         stride): streams each B panel once for all R rows.
// Numerics: every C element is one FMA chain over k in increasing order (per K block), then
// alpha, beta*C or the previous K block's partial sum, then the epilogue; NaN propagates.

// Per-target include guard, toggled by foreach_target.h.
#if defined(ONYX_KERNELS_GEMM_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ONYX_KERNELS_GEMM_KERNELS_INL_H_
#undef ONYX_KERNELS_GEMM_KERNELS_INL_H_
#else
#define ONYX_KERNELS_GEMM_KERNELS_INL_H_
#endif

#include <algorithm>
#include <cstdint>

#include "hwy/cache_control.h"
#include "hwy/highway.h"
#include "kernels/gemm.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;
// 6 rows x 2 vectors = 12 accumulators: fits the 16 registers of AVX2/SSE4 with room for the two
// B vectors and the A broadcast.
constexpr int kMR = 6;
// Skinny path: at most this many rows of C (R * 2 * P <= 12 accumulators, see SkinnyPanels).
constexpr int kSkinnyRows = 4;

HWY_INLINE int TileNR() {
  return static_cast<int>(2 * hn::Lanes(DF()));
}

// How a finished register tile is merged into C.
struct StoreMode {
  float alpha, beta;
  bool accumulate;  // later K block: C += alpha*acc (beta already applied)
  bool last;        // final K block: apply the epilogue
  const GemmEpilogue* ep;
};

HWY_INLINE VF Activate(DF d, VF v, const GemmEpilogue& ep) {
  // Compare + select, so that NaN passes through like the unfused Relu / Clip ops.
  if (ep.activation == Activation::kRelu)
    return hn::IfThenElse(hn::Lt(v, hn::Zero(d)), hn::Zero(d), v);
  if (ep.activation == Activation::kClip) {
    v = hn::IfThenElse(hn::Lt(v, hn::Set(d, ep.clip_min)), hn::Set(d, ep.clip_min), v);
    return hn::IfThenElse(hn::Gt(v, hn::Set(d, ep.clip_max)), hn::Set(d, ep.clip_max), v);
  }
  return v;
}

HWY_INLINE float ActivateScalar(float x, const GemmEpilogue& ep) {
  if (ep.activation == Activation::kRelu) return x < 0.0f ? 0.0f : x;  // NaN stays NaN
  if (ep.activation == Activation::kClip) return std::min(std::max(x, ep.clip_min), ep.clip_max);
  return x;
}

// Merges one full vector of a tile row into C at crow (C coordinates row, col for the biases).
HWY_INLINE void StoreVec(DF d, VF v, float* HWY_RESTRICT crow, int64_t row, int64_t col,
                         const StoreMode& sm) {
  v = hn::Mul(v, hn::Set(d, sm.alpha));
  if (sm.accumulate)
    v = hn::Add(v, hn::LoadU(d, crow));
  else if (sm.beta != 0.0f)
    v = hn::MulAdd(hn::Set(d, sm.beta), hn::LoadU(d, crow), v);
  if (sm.last) {
    const GemmEpilogue& ep = *sm.ep;
    if (ep.row_bias) v = hn::Add(v, hn::Set(d, ep.row_bias[row]));
    if (ep.col_bias) v = hn::Add(v, hn::LoadU(d, ep.col_bias + col));
    v = Activate(d, v, ep);
  }
  hn::StoreU(v, d, crow);
}

// Partial-tile store of `cols` values from a spilled tile row.
HWY_INLINE void StoreRowPartial(const float* HWY_RESTRICT acc, int cols, float* HWY_RESTRICT crow,
                                int64_t row, int64_t col, const StoreMode& sm) {
  for (int j = 0; j < cols; ++j) {
    float x = sm.alpha * acc[j];
    if (sm.accumulate)
      x += crow[j];
    else if (sm.beta != 0.0f)
      x += sm.beta * crow[j];
    if (sm.last) {
      if (sm.ep->row_bias) x += sm.ep->row_bias[row];
      if (sm.ep->col_bias) x += sm.ep->col_bias[col + j];
      x = ActivateScalar(x, *sm.ep);
    }
    crow[j] = x;
  }
}

// Stores an R x NV register tile (acc[r][v]) into C; only `cols` (<= NV * lanes) columns are
// valid: a full-width tile goes straight to C, a narrower one through a stack buffer.
template <int R, int NV>
HWY_INLINE void StoreTile(DF d, VF (&acc)[R][NV], float* HWY_RESTRICT c, int64_t ldc, int cols,
                          int64_t row0, int64_t col0, const StoreMode& sm) {
  const int N = static_cast<int>(hn::Lanes(d));
  if (cols == NV * N) {
    HWY_UNROLL(1)
    for (int r = 0; r < R; ++r) {
      HWY_UNROLL(1)
      for (int v = 0; v < NV; ++v)
        StoreVec(d, acc[r][v], c + r * ldc + v * N, row0 + r, col0 + v * N, sm);
    }
    return;
  }
  HWY_ALIGN float row[2 * (HWY_MAX_BYTES / sizeof(float))];
  for (int r = 0; r < R; ++r) {
    for (int v = 0; v < NV; ++v) hn::Store(acc[r][v], d, row + v * N);
    StoreRowPartial(row, cols, c + r * ldc, row0 + r, col0, sm);
  }
}

// C[R x cols] (+)= A panel (kc x kMR, interleaved; rows >= R unused) * B panel (kc x 2 vectors;
// only the first NV used). cols <= NV * lanes.
template <int R, int NV>
HWY_NOINLINE void TileKernel(int64_t kc, const float* HWY_RESTRICT a, const float* HWY_RESTRICT b,
                             float* HWY_RESTRICT c, int64_t ldc, int cols, int64_t row0,
                             int64_t col0, const StoreMode& sm) {
  const DF d;
  const size_t N = hn::Lanes(d);
  // C's rows are read at the end (beta / previous K block): start fetching them now.
  for (int r = 0; r < R; ++r) {
    hwy::Prefetch(c + r * ldc);
    hwy::Prefetch(c + r * ldc + NV * N - 1);
  }
  VF acc[R][NV];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = hn::Zero(d);
  for (int64_t p = 0; p < kc; ++p) {
    VF bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = hn::LoadU(d, b + v * N);
    for (int r = 0; r < R; ++r) {
      const VF av = hn::Set(d, a[r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = hn::MulAdd(av, bv[v], acc[r][v]);
    }
    a += kMR;
    b += 2 * N;
  }
  StoreTile<R, NV>(d, acc, c, ldc, cols, row0, col0, sm);
}

using TileKernelFn = void (*)(int64_t, const float*, const float*, float*, int64_t, int, int64_t,
                              int64_t, const StoreMode&);

// TileKernel for `rows` (1..kMR) x `cols` (1..2 lanes).
HWY_INLINE TileKernelFn PickTileKernel(int rows, int cols) {
  static constexpr TileKernelFn kTable[kMR][2] = {
      {TileKernel<1, 1>, TileKernel<1, 2>}, {TileKernel<2, 1>, TileKernel<2, 2>},
      {TileKernel<3, 1>, TileKernel<3, 2>}, {TileKernel<4, 1>, TileKernel<4, 2>},
      {TileKernel<5, 1>, TileKernel<5, 2>}, {TileKernel<6, 1>, TileKernel<6, 2>}};
  return kTable[rows - 1][cols > static_cast<int>(hn::Lanes(DF())) ? 1 : 0];
}

// Operand addressing for the skinny kernel: A(r, k) = a[r * a_rs + k * a_ks];
// B panel q, row k, lane j = b[q * b_ps + k * b_ks + j].
struct SkinnyOperands {
  const float* a;
  int64_t a_rs, a_ks;
  const float* b;
  int64_t b_ks, b_ps;
};

// C[R x (P panels, `cols` valid columns)] = epilogue(alpha * A * B + beta * C) over all K.
template <int R, int P>
HWY_NOINLINE void SkinnyKernel(int64_t k, const SkinnyOperands& op, float* HWY_RESTRICT c,
                               int64_t ldc, int64_t cols, int64_t col0, const StoreMode& sm) {
  const DF d;
  const size_t N = hn::Lanes(d);
  VF acc[R][2 * P];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < 2 * P; ++v) acc[r][v] = hn::Zero(d);
  const float* HWY_RESTRICT a = op.a;
  const float* HWY_RESTRICT b = op.b;
  for (int64_t p = 0; p < k; ++p) {
    VF bv[2 * P];
    for (int q = 0; q < P; ++q) {
      bv[2 * q] = hn::LoadU(d, b + q * op.b_ps);
      bv[2 * q + 1] = hn::LoadU(d, b + q * op.b_ps + N);
    }
    for (int r = 0; r < R; ++r) {
      const VF av = hn::Set(d, a[r * op.a_rs]);
      for (int v = 0; v < 2 * P; ++v) acc[r][v] = hn::MulAdd(av, bv[v], acc[r][v]);
    }
    a += op.a_ks;
    b += op.b_ks;
  }
  for (int q = 0; q < P; ++q) {
    VF tile[R][2];
    for (int r = 0; r < R; ++r) {
      tile[r][0] = acc[r][2 * q];
      tile[r][1] = acc[r][2 * q + 1];
    }
    const int64_t left = cols - q * static_cast<int64_t>(2 * N);
    if (left <= 0) break;
    StoreTile<R, 2>(d, tile, c + q * 2 * N, ldc, static_cast<int>(std::min<int64_t>(left, 2 * N)),
                    0, col0 + q * 2 * N, sm);
  }
}

using SkinnyKernelFn = void (*)(int64_t, const SkinnyOperands&, float*, int64_t, int64_t, int64_t,
                                const StoreMode&);

// Panels per SkinnyKernel call for R rows: the most with R * 2 * P <= 12 accumulators (and at
// least 8, so that FMA latency is hidden).
constexpr int SkinnyPanels(int rows) {
  return rows == 1 ? 4 : (rows == 2 ? 3 : (rows == 3 ? 2 : 1));
}

HWY_INLINE SkinnyKernelFn PickSkinnyKernel(int rows, int panels) {
  static constexpr SkinnyKernelFn kTable[kSkinnyRows][4] = {
      {SkinnyKernel<1, 1>, SkinnyKernel<1, 2>, SkinnyKernel<1, 3>, SkinnyKernel<1, 4>},
      {SkinnyKernel<2, 1>, SkinnyKernel<2, 2>, SkinnyKernel<2, 3>, SkinnyKernel<2, 3>},
      {SkinnyKernel<3, 1>, SkinnyKernel<3, 2>, SkinnyKernel<3, 2>, SkinnyKernel<3, 2>},
      {SkinnyKernel<4, 1>, SkinnyKernel<4, 1>, SkinnyKernel<4, 1>, SkinnyKernel<4, 1>}};
  return kTable[rows - 1][panels - 1];
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // include guard
