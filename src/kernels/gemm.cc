// SIMD GEMM driver: packed panels + register tile kernels (gemm_kernels-inl.h), cache blocked as
// planned in gemm_internal.h, written once with Highway and dispatched at run time; a skinny path
// for C with <= kSkinnyMaxRows rows. See gemm.h for the contract.
#include <atomic>
#include <cstdlib>
#include <memory>

#include "base/cpu.h"
#include "kernels/gemm.h"
#include "kernels/gemm_internal.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/gemm.cc"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

#include "kernels/gemm_kernels-inl.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using detail::ceil_div;
using detail::GemmBlocking;
using detail::GemmCall;

static_assert(kSkinnyRows == detail::kSkinnyMaxRows, "skinny row limit shared with the plan");

GemmTile Tile() {
  return GemmTile{kMR, TileNR()};
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

// Runs fn(slot) for slot in [0, slots) on the pool (the caller is one of the workers).
template <class Fn>
void ForSlots(ThreadPool* pool, int slots, const Fn& fn) {
  if (slots <= 1 || !pool) {
    fn(0);
    return;
  }
  pool->parallel_for(slots, 1, [&](int64_t begin, int64_t end) {
    for (int64_t s = begin; s < end; ++s) fn(static_cast<int>(s));
  });
}

// C (<= kSkinnyRows rows) over all of K, P panels at a time; panels split across threads.
void GemmSkinny(const GemmCall& g, float* ws) {
  const int NR = TileNR();
  const int rows = static_cast<int>(g.m);
  SkinnyOperands op;
  op.a = g.a.packed ? g.a.packed->data : g.a.data;
  if (g.a.packed) {
    op.a_rs = 1;
    op.a_ks = g.a.packed->panel;
  } else {
    op.a_rs = g.a.trans ? 1 : g.a.ld;
    op.a_ks = g.a.trans ? g.a.ld : 1;
  }
  const int64_t panels = ceil_div(g.n, NR);
  const int64_t full_panels = g.b.packed ? panels : g.n / NR;
  const float* tail = nullptr;  // unpacked B: its last partial panel, packed into ws
  if (full_panels < panels) {
    pack_b_panels(g.k, g.n - full_panels * NR, g.b.data + full_panels * NR, g.b.ld, false, NR, ws);
    tail = ws;
  }
  const StoreMode sm{g.alpha, g.beta, false, true, &g.epilogue};
  const int per_call = SkinnyPanels(rows);
  auto run = [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1;) {
      SkinnyOperands o = op;
      int count;
      if (p >= full_panels) {  // the packed tail panel of an unpacked B
        o.b = tail;
        o.b_ks = NR;
        o.b_ps = NR * g.k;
        count = 1;
      } else {
        count = static_cast<int>(std::min<int64_t>({per_call, p1 - p, full_panels - p}));
        o.b = g.b.packed ? g.b.packed->data + p * NR * g.k : g.b.data + p * NR;
        o.b_ks = g.b.packed ? NR : g.b.ld;
        o.b_ps = g.b.packed ? NR * g.k : NR;
      }
      const int64_t col0 = p * NR;
      PickSkinnyKernel(rows, count)(g.k, o, g.c + col0, g.ldc,
                                    std::min<int64_t>(count * NR, g.n - col0), col0, sm);
      p += count;
    }
  };
  const int threads = g.pool ? g.pool->num_threads() : 1;
  // Threads only when each gets >= 64K multiply-adds (a few microseconds).
  if (threads > 1 && g.m * g.n * g.k >= int64_t{65536} * threads)
    g.pool->parallel_for(panels, per_call, run);
  else
    run(0, panels);
}

// Runs the tiles of rows [m0, m0 + mb) x B panels [p0, p1) of the N block at column n0 (nb
// columns), for one K block of kb: A panels at a_base + i * a_stride, B panels at b_base + p *
// b_stride.
void RunTiles(const GemmCall& g, int64_t kb, const float* a_base, int64_t a_stride,
              const float* b_base, int64_t b_stride, int64_t m0, int64_t mb, int64_t n0, int64_t nb,
              int64_t p0, int64_t p1, const StoreMode& sm) {
  const int NR = TileNR();
  for (int64_t p = p0; p < p1; ++p) {
    const int64_t j = p * NR;
    const int cols = static_cast<int>(std::min<int64_t>(NR, nb - j));
    for (int64_t i = 0; i < mb; i += kMR) {
      const int rows = static_cast<int>(std::min<int64_t>(kMR, mb - i));
      PickTileKernel(rows, cols)(kb, a_base + (i / kMR) * a_stride, b_base + p * b_stride,
                                 g.c + (m0 + i) * g.ldc + n0 + j, g.ldc, cols, m0 + i, n0 + j, sm);
    }
  }
}

// One thread's A block source: the pre-packed panels, or its slot, packed on demand.
struct ABlock {
  float* slot;
  int64_t packed_m0 = -1, packed_k0 = -1;  // block now in `slot`

  // A panels of rows [m0, m0 + mb) x K [k0, k0 + kb); sets the panel stride.
  const float* get(const GemmCall& g, int64_t m0, int64_t mb, int64_t k0, int64_t kb,
                   int64_t* stride) {
    if (g.a.packed) {
      *stride = kMR * g.k;
      return g.a.packed->data + m0 * g.k + k0 * kMR;
    }
    if (m0 != packed_m0 || k0 != packed_k0) {
      const float* src = g.a.trans ? g.a.data + k0 * g.a.ld + m0 : g.a.data + m0 * g.a.ld + k0;
      pack_a_panels(mb, kb, src, g.a.ld, g.a.trans, kMR, slot);
      packed_m0 = m0;
      packed_k0 = k0;
    }
    *stride = kMR * kb;
    return slot;
  }
};

float* SlotA(const GemmCall& g, const GemmBlocking& bl, int slot) {
  if (g.a.packed) return nullptr;
  float* ws = static_cast<float*>(g.workspace);
  return ws ? ws + bl.b_floats + slot * bl.a_floats : ThreadBuffer(bl.a_floats);
}

// B pre-packed: items (N block, row block, panel group) in one parallel region, K inside.
void GemmPackedB(const GemmCall& g, const GemmBlocking& bl) {
  const int NR = TileNR();
  const int64_t nc_panels = bl.nc / NR, groups = ceil_div(nc_panels, bl.group);
  const int64_t items = ceil_div(g.n, bl.nc) * bl.tasks_m * groups;
  std::atomic<int64_t> next{0};
  ForSlots(g.pool, bl.slots, [&](int slot) {
    ABlock a{SlotA(g, bl, slot)};
    for (;;) {
      const int64_t item = next.fetch_add(1, std::memory_order_relaxed);
      if (item >= items) break;
      const int64_t group = item % groups, block = item / groups;
      const int64_t m0 = (block % bl.tasks_m) * bl.mc, n0 = (block / bl.tasks_m) * bl.nc;
      const int64_t mb = std::min(bl.mc, g.m - m0), nb = std::min(bl.nc, g.n - n0);
      const int64_t p0 = group * bl.group, p1 = std::min(ceil_div(nb, NR), p0 + bl.group);
      for (int64_t k0 = 0; k0 < g.k; k0 += bl.kc) {
        const int64_t kb = std::min(bl.kc, g.k - k0);
        int64_t a_stride;
        const float* a_base = a.get(g, m0, mb, k0, kb, &a_stride);
        const StoreMode sm{g.alpha, g.beta, k0 > 0, k0 + kb == g.k, &g.epilogue};
        RunTiles(g, kb, a_base, a_stride, g.b.packed->data + n0 * g.k + k0 * NR, NR * g.k, m0, mb,
                 n0, nb, p0, p1, sm);
      }
    }
  });
}

// B unpacked: per (N block, K block), pack B once (shared), then run that block's items.
void GemmUnpackedB(const GemmCall& g, const GemmBlocking& bl) {
  const int NR = TileNR();
  float* ws_b = static_cast<float*>(g.workspace);
  std::unique_ptr<float, decltype(&std::free)> owned_b(nullptr, std::free);
  if (!ws_b) {
    owned_b.reset(static_cast<float*>(
        std::aligned_alloc(64, static_cast<size_t>(bl.b_floats) * sizeof(float))));
    ws_b = owned_b.get();
  }
  for (int64_t n0 = 0; n0 < g.n; n0 += bl.nc) {
    const int64_t nb = std::min(bl.nc, g.n - n0);
    const int64_t nb_panels = ceil_div(nb, NR), groups = ceil_div(nb_panels, bl.group);
    for (int64_t k0 = 0; k0 < g.k; k0 += bl.kc) {
      const int64_t kb = std::min(bl.kc, g.k - k0);
      const float* src = g.b.trans ? g.b.data + n0 * g.b.ld + k0 : g.b.data + k0 * g.b.ld + n0;
      auto pack = [&](int64_t p0, int64_t p1) {
        pack_b_panels(kb, std::min(p1 * NR, nb) - p0 * NR,
                      g.b.trans ? src + p0 * NR * g.b.ld : src + p0 * NR, g.b.ld, g.b.trans, NR,
                      ws_b + p0 * NR * kb);
      };
      if (bl.slots > 1)
        g.pool->parallel_for(nb_panels, 1, pack);
      else
        pack(0, nb_panels);
      const StoreMode sm{g.alpha, g.beta, k0 > 0, k0 + kb == g.k, &g.epilogue};
      const int64_t items = bl.tasks_m * groups;
      std::atomic<int64_t> next{0};
      ForSlots(g.pool, bl.slots, [&](int slot) {
        ABlock a{SlotA(g, bl, slot)};
        for (;;) {
          const int64_t item = next.fetch_add(1, std::memory_order_relaxed);
          if (item >= items) break;
          const int64_t m0 = (item / groups) * bl.mc, mb = std::min(bl.mc, g.m - m0);
          const int64_t p0 = (item % groups) * bl.group;
          int64_t a_stride;
          const float* a_base = a.get(g, m0, mb, k0, kb, &a_stride);
          RunTiles(g, kb, a_base, a_stride, ws_b, NR * kb, m0, mb, n0, nb, p0,
                   std::min(nb_panels, p0 + bl.group), sm);
        }
      });
    }
  }
}

void Gemm(const GemmCall& g) {
  const int NR = TileNR();
  const int threads = g.pool ? g.pool->num_threads() : 1;
  const GemmBlocking bl = detail::plan_gemm_blocking(g.m, g.n, g.k, kMR, NR, g.a.packed != nullptr,
                                                     g.b.packed != nullptr, threads);
  if (g.m <= kSkinnyRows && (g.b.packed || !g.b.trans)) {
    GemmSkinny(g, g.workspace ? static_cast<float*>(g.workspace) : ThreadBuffer(bl.skinny_floats));
    return;
  }
  if (g.b.packed)
    GemmPackedB(g, bl);
  else
    GemmUnpackedB(g, bl);
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
  return static_cast<size_t>(detail::gemm_workspace_floats(bl)) * sizeof(float);
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
