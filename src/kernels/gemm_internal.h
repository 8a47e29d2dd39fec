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

// Blocking: C is split into tasks of mc x nc (one task = one thread at a time); K into kc steps.
// mc and nc are multiples of mr / nr so tasks start on pre-packed panel boundaries.
struct GemmBlocking {
  int64_t mc, nc, kc;
  int64_t tasks_m, tasks_n;
  int slots;            // concurrent workers (workspace slots)
  int64_t slot_floats;  // workspace floats per slot (A block + B block), multiple of 16
};

inline int64_t round_up(int64_t x, int64_t to) {
  return (x + to - 1) / to * to;
}

inline GemmBlocking plan_gemm_blocking(int64_t m, int64_t n, int64_t k, int mr, int nr,
                                       bool a_packed, bool b_packed, int threads) {
  constexpr int64_t kMaxMc = 72, kMaxNc = 256, kKc = 256;
  GemmBlocking bl;
  bl.kc = std::min<int64_t>(std::max<int64_t>(k, 1), kKc);
  const int64_t m_blocks = (m + kMaxMc - 1) / kMaxMc;
  bl.mc = round_up((m + m_blocks - 1) / std::max<int64_t>(m_blocks, 1), mr);
  bl.mc = std::max<int64_t>(bl.mc, mr);
  bl.nc = std::min<int64_t>(round_up(n, nr), round_up(kMaxNc, nr));
  // Small problems stay on one thread; otherwise aim for >= 4 tasks per thread.
  if (static_cast<double>(m) * n * k < 64.0 * 64 * 64) threads = 1;
  bl.tasks_m = (m + bl.mc - 1) / bl.mc;
  while (threads > 1 && bl.tasks_m * ((n + bl.nc - 1) / bl.nc) < 4 * threads && bl.nc > 4 * nr)
    bl.nc = round_up(bl.nc / 2, nr);
  bl.tasks_n = (n + bl.nc - 1) / bl.nc;
  bl.slots = static_cast<int>(std::min<int64_t>(threads, bl.tasks_m * bl.tasks_n));
  bl.slots = std::max(bl.slots, 1);
  int64_t floats = 0;
  if (!a_packed) floats += bl.mc * bl.kc;
  if (!b_packed) floats += bl.kc * bl.nc;
  bl.slot_floats = round_up(floats, 16);
  return bl;
}

}  // namespace onyx::kernels::detail
