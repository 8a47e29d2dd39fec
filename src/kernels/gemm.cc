// SIMD GEMM: packed panels + a register-blocked microkernel (kMR rows x 2 vectors of C), cache
// blocked (kc over K, mc x nc tasks over C), written once with Highway and dispatched at run time.
// See gemm.h for the contract and gemm_internal.h for the blocking plan.
#include <atomic>
#include <cstdlib>

#include "base/cpu.h"
#include "kernels/gemm.h"
#include "kernels/gemm_internal.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/gemm.cc"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using detail::GemmBlocking;
using detail::GemmCall;

using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;
// 6 rows x 2 vectors = 12 accumulators: fits the 16 registers of AVX2/SSE4 with room for the two
// B vectors and the A broadcast; also fine for 32-register targets.
constexpr int kMR = 6;

HWY_INLINE int TileNR() {
  return static_cast<int>(2 * hn::Lanes(DF()));
}

GemmTile Tile() {
  return GemmTile{kMR, TileNR()};
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

// Stores one full row of the tile (2 vectors) at crow; row/col are C coordinates for biases.
HWY_INLINE void StoreRow(DF d, VF v0, VF v1, float* HWY_RESTRICT crow, int64_t row, int64_t col,
                         const StoreMode& sm) {
  const size_t N = hn::Lanes(d);
  const VF alpha = hn::Set(d, sm.alpha);
  v0 = hn::Mul(v0, alpha);
  v1 = hn::Mul(v1, alpha);
  if (sm.accumulate) {
    v0 = hn::Add(v0, hn::LoadU(d, crow));
    v1 = hn::Add(v1, hn::LoadU(d, crow + N));
  } else if (sm.beta != 0.0f) {
    const VF beta = hn::Set(d, sm.beta);
    v0 = hn::MulAdd(beta, hn::LoadU(d, crow), v0);
    v1 = hn::MulAdd(beta, hn::LoadU(d, crow + N), v1);
  }
  if (sm.last) {
    const GemmEpilogue& ep = *sm.ep;
    if (ep.row_bias) {
      const VF rb = hn::Set(d, ep.row_bias[row]);
      v0 = hn::Add(v0, rb);
      v1 = hn::Add(v1, rb);
    }
    if (ep.col_bias) {
      v0 = hn::Add(v0, hn::LoadU(d, ep.col_bias + col));
      v1 = hn::Add(v1, hn::LoadU(d, ep.col_bias + col + N));
    }
    v0 = Activate(d, v0, ep);
    v1 = Activate(d, v1, ep);
  }
  hn::StoreU(v0, d, crow);
  hn::StoreU(v1, d, crow + N);
}

// Partial-tile store from a row of the spilled tile buffer.
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

// C[rows x cols] (+)= A panel (kc x kMR, interleaved) * B panel (kc x NR).
// rows <= kMR, cols <= NR; padded panel lanes are zero so full tiles are always computed.
HWY_NOINLINE void MicroKernel(int64_t kc, const float* HWY_RESTRICT a, const float* HWY_RESTRICT b,
                              float* HWY_RESTRICT c, int64_t ldc, int rows, int cols, int64_t row0,
                              int64_t col0, const StoreMode& sm) {
  const DF d;
  const size_t N = hn::Lanes(d);
  VF c00 = hn::Zero(d), c01 = hn::Zero(d), c10 = hn::Zero(d), c11 = hn::Zero(d);
  VF c20 = hn::Zero(d), c21 = hn::Zero(d), c30 = hn::Zero(d), c31 = hn::Zero(d);
  VF c40 = hn::Zero(d), c41 = hn::Zero(d), c50 = hn::Zero(d), c51 = hn::Zero(d);
  for (int64_t p = 0; p < kc; ++p) {
    const VF b0 = hn::LoadU(d, b);
    const VF b1 = hn::LoadU(d, b + N);
    VF av = hn::Set(d, a[0]);
    c00 = hn::MulAdd(av, b0, c00);
    c01 = hn::MulAdd(av, b1, c01);
    av = hn::Set(d, a[1]);
    c10 = hn::MulAdd(av, b0, c10);
    c11 = hn::MulAdd(av, b1, c11);
    av = hn::Set(d, a[2]);
    c20 = hn::MulAdd(av, b0, c20);
    c21 = hn::MulAdd(av, b1, c21);
    av = hn::Set(d, a[3]);
    c30 = hn::MulAdd(av, b0, c30);
    c31 = hn::MulAdd(av, b1, c31);
    av = hn::Set(d, a[4]);
    c40 = hn::MulAdd(av, b0, c40);
    c41 = hn::MulAdd(av, b1, c41);
    av = hn::Set(d, a[5]);
    c50 = hn::MulAdd(av, b0, c50);
    c51 = hn::MulAdd(av, b1, c51);
    a += kMR;
    b += 2 * N;
  }
  if (cols == static_cast<int>(2 * N)) {
    // Full-width rows: vector stores straight into C.
    if (rows > 0) StoreRow(d, c00, c01, c + 0 * ldc, row0 + 0, col0, sm);
    if (rows > 1) StoreRow(d, c10, c11, c + 1 * ldc, row0 + 1, col0, sm);
    if (rows > 2) StoreRow(d, c20, c21, c + 2 * ldc, row0 + 2, col0, sm);
    if (rows > 3) StoreRow(d, c30, c31, c + 3 * ldc, row0 + 3, col0, sm);
    if (rows > 4) StoreRow(d, c40, c41, c + 4 * ldc, row0 + 4, col0, sm);
    if (rows > 5) StoreRow(d, c50, c51, c + 5 * ldc, row0 + 5, col0, sm);
    return;
  }
  // Column tail: spill to a buffer, then merge the valid columns.
  HWY_ALIGN float tile[kMR * 2 * (HWY_MAX_BYTES / sizeof(float))];
  const size_t stride = 2 * N;
  hn::Store(c00, d, tile + 0 * stride);
  hn::Store(c01, d, tile + 0 * stride + N);
  hn::Store(c10, d, tile + 1 * stride);
  hn::Store(c11, d, tile + 1 * stride + N);
  hn::Store(c20, d, tile + 2 * stride);
  hn::Store(c21, d, tile + 2 * stride + N);
  hn::Store(c30, d, tile + 3 * stride);
  hn::Store(c31, d, tile + 3 * stride + N);
  hn::Store(c40, d, tile + 4 * stride);
  hn::Store(c41, d, tile + 4 * stride + N);
  hn::Store(c50, d, tile + 5 * stride);
  hn::Store(c51, d, tile + 5 * stride + N);
  for (int r = 0; r < rows; ++r)
    StoreRowPartial(tile + r * stride, cols, c + r * ldc, row0 + r, col0, sm);
}

// Per-thread fallback workspace when the caller passes none.
float* ThreadBuffer(int64_t floats) {
  struct Buffer {
    float* data = nullptr;
    int64_t capacity = 0;
    ~Buffer() { std::free(data); }
  };
  thread_local Buffer buffer;
  if (buffer.capacity < floats) {
    std::free(buffer.data);
    buffer.capacity = detail::round_up(floats, 16);
    buffer.data = static_cast<float*>(
        std::aligned_alloc(64, static_cast<size_t>(buffer.capacity) * sizeof(float)));
  }
  return buffer.data;
}

// One task: C[m0:m1, n0:n1] over all of K.
void RunTask(const GemmCall& g, const GemmBlocking& bl, int64_t m0, int64_t n0, float* ws) {
  const int NR = TileNR();
  const int64_t mb = std::min(bl.mc, g.m - m0), nb = std::min(bl.nc, g.n - n0);
  float* ws_a = ws;
  float* ws_b = ws + (g.a.packed ? 0 : bl.mc * bl.kc);
  for (int64_t k0 = 0; k0 < g.k; k0 += bl.kc) {
    const int64_t kb = std::min(bl.kc, g.k - k0);
    const float* a_base;
    int64_t a_stride;  // floats between consecutive MR panels
    if (g.a.packed) {
      a_base = g.a.packed->data + m0 * g.k + k0 * kMR;
      a_stride = kMR * g.k;
    } else {
      const float* src = g.a.trans ? g.a.data + k0 * g.a.ld + m0 : g.a.data + m0 * g.a.ld + k0;
      pack_a_panels(mb, kb, src, g.a.ld, g.a.trans, kMR, ws_a);
      a_base = ws_a;
      a_stride = kMR * kb;
    }
    const float* b_base;
    int64_t b_stride;
    if (g.b.packed) {
      b_base = g.b.packed->data + n0 * g.k + k0 * NR;
      b_stride = NR * g.k;
    } else {
      const float* src = g.b.trans ? g.b.data + n0 * g.b.ld + k0 : g.b.data + k0 * g.b.ld + n0;
      pack_b_panels(kb, nb, src, g.b.ld, g.b.trans, NR, ws_b);
      b_base = ws_b;
      b_stride = NR * kb;
    }
    const StoreMode sm{g.alpha, g.beta, k0 > 0, k0 + kb == g.k, &g.epilogue};
    for (int64_t j = 0; j < nb; j += NR) {
      const float* bp = b_base + (j / NR) * b_stride;
      const int cols = static_cast<int>(std::min<int64_t>(NR, nb - j));
      for (int64_t i = 0; i < mb; i += kMR) {
        const int rows = static_cast<int>(std::min<int64_t>(kMR, mb - i));
        MicroKernel(kb, a_base + (i / kMR) * a_stride, bp, g.c + (m0 + i) * g.ldc + n0 + j, g.ldc,
                    rows, cols, m0 + i, n0 + j, sm);
      }
    }
  }
}

void Gemm(const GemmCall& g) {
  const int NR = TileNR();
  const int threads = g.pool ? g.pool->num_threads() : 1;
  const GemmBlocking bl = detail::plan_gemm_blocking(g.m, g.n, g.k, kMR, NR, g.a.packed != nullptr,
                                                     g.b.packed != nullptr, threads);
  const int64_t tasks = bl.tasks_m * bl.tasks_n;
  std::atomic<int64_t> next_task{0};
  auto worker = [&](int64_t slot_begin, int64_t slot_end) {
    for (int64_t slot = slot_begin; slot < slot_end; ++slot) {
      float* ws = g.workspace ? static_cast<float*>(g.workspace) + slot * bl.slot_floats
                              : ThreadBuffer(bl.slot_floats);
      for (;;) {
        const int64_t t = next_task.fetch_add(1, std::memory_order_relaxed);
        if (t >= tasks) break;
        RunTask(g, bl, (t % bl.tasks_m) * bl.mc, (t / bl.tasks_m) * bl.nc, ws);
      }
    }
  };
  if (bl.slots > 1)
    g.pool->parallel_for(bl.slots, 1, worker);
  else
    worker(0, 1);
}

}  // namespace HWY_NAMESPACE
}  // namespace onyx::kernels
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace onyx::kernels {
HWY_EXPORT(Tile);
HWY_EXPORT(Gemm);

GemmTile gemm_tile() {
  static const GemmTile tile = HWY_DYNAMIC_DISPATCH(Tile)();
  return tile;
}

size_t gemm_workspace_bytes(int64_t m, int64_t n, int64_t k, bool a_packed, bool b_packed,
                            int threads) {
  if (force_scalar_kernels() || m <= 0 || n <= 0 || k <= 0) return 0;
  const GemmTile t = gemm_tile();
  const detail::GemmBlocking bl =
      detail::plan_gemm_blocking(m, n, k, t.mr, t.nr, a_packed, b_packed, std::max(threads, 1));
  return static_cast<size_t>(bl.slots * bl.slot_floats) * sizeof(float);
}

void gemm(int64_t m, int64_t n, int64_t k, float alpha, const GemmOperand& a, const GemmOperand& b,
          float beta, float* c, int64_t ldc, const GemmEpilogue& epilogue, ThreadPool* pool,
          void* workspace) {
  if (m <= 0 || n <= 0) return;
  const GemmTile t = gemm_tile();
  const bool packing_matches =
      (!a.packed || a.packed->panel == t.mr) && (!b.packed || b.packed->panel == t.nr);
  if (force_scalar_kernels() || k <= 0 || !packing_matches) {
    gemm_reference(m, n, k, alpha, a, b, beta, c, ldc, epilogue);
    return;
  }
  const detail::GemmCall call{m, n, k, alpha, beta, a, b, c, ldc, epilogue, pool, workspace};
  HWY_DYNAMIC_DISPATCH(Gemm)(call);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
