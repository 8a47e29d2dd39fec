// Per-target Highway helpers for elementwise loops (include after hwy/highway.h, inside the
// foreach_target re-inclusion). Tails are staged through a stack buffer, so no lane ever reads or
// writes past `n` elements, and no masked loads are needed.
//
// Aliasing: the output may equal an input pointer exactly (in-place); partial overlap is not
// supported.

// Per-target include guard, toggled by foreach_target.h.
#if defined(ONYX_KERNELS_ELEMENTWISE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ONYX_KERNELS_ELEMENTWISE_INL_H_
#undef ONYX_KERNELS_ELEMENTWISE_INL_H_
#else
#define ONYX_KERNELS_ELEMENTWISE_INL_H_
#endif

#include <cstddef>
#include <cstring>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// y[i] = f(x[i]) for i in [0, n). Tail lanes beyond n are fed `pad`. kTwoPerStep: two vectors per
// loop step, so that long per-vector dependency chains (erf, gelu) overlap; f must be pure.
template <bool kTwoPerStep = false, class D, class F>
HWY_INLINE void Map1(D d, const hn::TFromD<D>* x, hn::TFromD<D>* y, size_t n, const F& f,
                     hn::TFromD<D> pad = hn::TFromD<D>(0)) {
  using T = hn::TFromD<D>;
  const size_t N = hn::Lanes(d);
  size_t i = 0;
  if constexpr (kTwoPerStep) {
    for (; i + 2 * N <= n; i += 2 * N) {
      const auto r0 = f(hn::LoadU(d, x + i));
      const auto r1 = f(hn::LoadU(d, x + i + N));
      hn::StoreU(r0, d, y + i);
      hn::StoreU(r1, d, y + i + N);
    }
  }
  for (; i + N <= n; i += N) hn::StoreU(f(hn::LoadU(d, x + i)), d, y + i);
  if (i < n) {
    alignas(HWY_MAX_BYTES) T buf[HWY_MAX_BYTES / sizeof(T)];
    for (size_t j = 0; j < N; ++j) buf[j] = pad;
    std::memcpy(buf, x + i, (n - i) * sizeof(T));
    hn::Store(f(hn::Load(d, buf)), d, buf);
    std::memcpy(y + i, buf, (n - i) * sizeof(T));
  }
}

// y[i] = f(a[i], b[i]) for i in [0, n). Tail lanes beyond n are fed zeros.
template <class D, class F>
HWY_INLINE void Map2(D d, const hn::TFromD<D>* a, const hn::TFromD<D>* b, hn::TFromD<D>* y,
                     size_t n, const F& f) {
  using T = hn::TFromD<D>;
  const size_t N = hn::Lanes(d);
  size_t i = 0;
  for (; i + N <= n; i += N) hn::StoreU(f(hn::LoadU(d, a + i), hn::LoadU(d, b + i)), d, y + i);
  if (i < n) {
    alignas(HWY_MAX_BYTES) T buf_a[HWY_MAX_BYTES / sizeof(T)] = {};
    alignas(HWY_MAX_BYTES) T buf_b[HWY_MAX_BYTES / sizeof(T)] = {};
    std::memcpy(buf_a, a + i, (n - i) * sizeof(T));
    std::memcpy(buf_b, b + i, (n - i) * sizeof(T));
    hn::Store(f(hn::Load(d, buf_a), hn::Load(d, buf_b)), d, buf_a);
    std::memcpy(y + i, buf_a, (n - i) * sizeof(T));
  }
}

// Returns the reduction of x[0..n) with `op` (e.g. Max, Add); tail lanes are fed `identity`.
template <class D, class Op>
HWY_INLINE hn::TFromD<D> Reduce1(D d, const hn::TFromD<D>* x, size_t n, const Op& op,
                                 hn::TFromD<D> identity) {
  using T = hn::TFromD<D>;
  const size_t N = hn::Lanes(d);
  auto acc0 = hn::Set(d, identity);
  auto acc1 = acc0;
  size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N) {
    acc0 = op(acc0, hn::LoadU(d, x + i));
    acc1 = op(acc1, hn::LoadU(d, x + i + N));
  }
  for (; i + N <= n; i += N) acc0 = op(acc0, hn::LoadU(d, x + i));
  if (i < n) {
    alignas(HWY_MAX_BYTES) T buf[HWY_MAX_BYTES / sizeof(T)];
    for (size_t j = 0; j < N; ++j) buf[j] = identity;
    std::memcpy(buf, x + i, (n - i) * sizeof(T));
    acc1 = op(acc1, hn::Load(d, buf));
  }
  acc0 = op(acc0, acc1);
  alignas(HWY_MAX_BYTES) T lanes[HWY_MAX_BYTES / sizeof(T)];
  hn::Store(acc0, d, lanes);
  T result = lanes[0];
  for (size_t j = 1; j < N; ++j) result = hn::GetLane(op(hn::Set(d, result), hn::Set(d, lanes[j])));
  return result;
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // ONYX_KERNELS_ELEMENTWISE_INL_H_
