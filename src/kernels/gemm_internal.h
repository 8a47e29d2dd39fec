// Internal to the GEMM implementation: the argument bundle handed to the per-target driver and
// the cache-blocking plan shared by the driver and gemm_workspace_bytes().
#pragma once

#include <algorithm>
#include <cstdint>

#include "kernels/gemm.h"

namespace onyx::kernels::detail {

struct GemmCall {
  int64_t m, n, k;
  float alpha, beta;
  GemmOperand a, b;
  float* c;
  int64_t ldc;
  GemmEpilogue epilogue;
  ThreadPool* pool;
  void* workspace;
};

inline int64_t round_up(int64_t x, int64_t to) {
  return (x + to - 1) / to * to;
}

inline int64_t ceil_div(int64_t x, int64_t y) {
  return (x + y - 1) / y;
}

// C with at most this many rows takes the skinny path (each B panel streamed once for all rows)
// when B is pre-packed or not transposed.
constexpr int64_t kSkinnyMaxRows = 4;

// Blocking of the general path. kc <= 256 (a kc x nr B micro-panel, 16 KiB for nr = 16, stays in
// L1 while the tiles of an A block, mc x kc <= 72 KiB in L2, stream past it); nc <= 768 columns
// (the mc x nc block of C stays in L2 across K blocks; an unpacked B's kc x nc block is shared in
// L3: measured, 256 KiB blocks read back from L2 cost more in A repacking). Work items are (N
// block, mc-row block, group of `group` B panels); each thread packs its A block (when A is
// unpacked) into its slot.
//   B pre-packed: one parallel region over all items; each item runs all K blocks, so its C block
//     stays in cache (no synchronisation between K blocks).
//   B unpacked: per (N block, K block), B is packed once into the shared region by all threads,
//     then that block's items run (two parallel regions per block, no repacking per row block).
struct GemmBlocking {
  int64_t mc, nc, kc;
  int64_t tasks_m;        // row blocks
  int64_t group;          // B panels per work item
  int slots;              // concurrent workers (A slots)
  int64_t b_floats;       // shared packed-B block (0 when B is pre-packed), multiple of 16
  int64_t a_floats;       // per-slot packed-A block (0 when A is pre-packed), multiple of 16
  int64_t skinny_floats;  // skinny path: one packed K x nr tail panel of an unpacked B
};

inline GemmBlocking plan_gemm_blocking(int64_t m, int64_t n, int64_t k, int mr, int nr,
                                       bool a_packed, bool b_packed, int threads) {
  constexpr int64_t kMaxMc = 72, kMaxNc = 768, kMaxKc = 256, kMaxSharedBFloats = 1 << 20;
  GemmBlocking bl;
  k = std::max<int64_t>(k, 1);
  bl.kc = ceil_div(k, ceil_div(k, kMaxKc));
  bl.tasks_m = ceil_div(m, kMaxMc);
  bl.mc = round_up(ceil_div(m, bl.tasks_m), mr);
  bl.tasks_m = ceil_div(m, bl.mc);
  // Small problems stay on one thread; otherwise aim for >= 4 work items per thread.
  if (static_cast<double>(m) * n * k < 64.0 * 64 * 64) threads = 1;
  threads = std::max(threads, 1);
  // Threaded with an unpacked B, each (N block, K block) costs two parallel regions (pack, then
  // compute): N blocks grow up to kc x nc = 1M floats (4 MiB of L3) to have fewer of them.
  const int64_t nc_max =
      (!b_packed && threads > 1) ? std::max(kMaxNc, kMaxSharedBFloats / bl.kc) : kMaxNc;
  bl.nc = round_up(ceil_div(n, ceil_div(n, nc_max)), nr);
  const int64_t nc_panels = bl.nc / nr;
  // Items per parallel region: all N blocks when B is pre-packed, one N block otherwise.
  const int64_t blocks = b_packed ? bl.tasks_m * ceil_div(n, bl.nc) : bl.tasks_m;
  const int64_t groups = std::min(nc_panels, ceil_div(4 * threads, blocks));
  bl.group = threads == 1 ? nc_panels : ceil_div(nc_panels, std::max<int64_t>(groups, 1));
  const int64_t items = blocks * ceil_div(nc_panels, bl.group);
  bl.slots = static_cast<int>(std::min<int64_t>(threads, items));
  bl.b_floats = b_packed ? 0 : round_up(bl.kc * bl.nc, 16);
  bl.a_floats = a_packed ? 0 : round_up(bl.mc * bl.kc, 16);
  bl.skinny_floats = (m <= kSkinnyMaxRows && !b_packed) ? round_up(k * nr, 16) : 0;
  return bl;
}

// Workspace floats of a plan: the larger of the general path's and the skinny path's needs.
inline int64_t gemm_workspace_floats(const GemmBlocking& bl) {
  return std::max(bl.b_floats + bl.slots * bl.a_floats, bl.skinny_floats);
}

}  // namespace onyx::kernels::detail
