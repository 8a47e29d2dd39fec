// Reductions over [outer, n, inner]: scalar reference for every supported type pair, Highway SIMD
// for float32 sums and extrema, and the threaded entry point.
#include "kernels/reduce.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/reduce.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// One fold step per vector; kMax/kMin take v when it is NaN or strictly better, so a NaN
// accumulator is never replaced. NaN is tested as !(v == v): x86's Ne is an ordered compare,
// false for NaN.
template <class D, class V>
HWY_INLINE V Step(D /*d*/, ReduceKind kind, V acc, V v) {
  switch (kind) {
    case ReduceKind::kSum:
      return hn::Add(acc, v);
    case ReduceKind::kSumSquare:
      return hn::MulAdd(v, v, acc);
    case ReduceKind::kSumAbs:
      return hn::Add(acc, hn::Abs(v));
    case ReduceKind::kMax:
      return hn::IfThenElse(hn::Or(hn::Lt(acc, v), hn::Not(hn::Eq(v, v))), v, acc);
    default:  // kMin
      return hn::IfThenElse(hn::Or(hn::Gt(acc, v), hn::Not(hn::Eq(v, v))), v, acc);
  }
}

HWY_INLINE float StepScalar(ReduceKind kind, float acc, float v) {
  switch (kind) {
    case ReduceKind::kSum:
      return acc + v;
    case ReduceKind::kSumSquare:
      return acc + v * v;
    case ReduceKind::kSumAbs:
      return acc + (v < 0.0f ? -v : v);
    case ReduceKind::kMax:
      return (acc < v || v != v) ? v : acc;
    default:  // kMin
      return (acc > v || v != v) ? v : acc;
  }
}

HWY_INLINE float Identity(ReduceKind kind) {
  if (kind == ReduceKind::kMax) return -__builtin_inff();
  if (kind == ReduceKind::kMin) return __builtin_inff();
  return 0.0f;
}

// inner == 1: each output is a contiguous row of n; two vector accumulators, then the lanes and
// the tail folded in scalar.
void ReduceRowsF32(ReduceKind kind, const float* x, float* y, int64_t outer, int64_t n) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const size_t len = static_cast<size_t>(n);
  const float id = Identity(kind);
  alignas(HWY_MAX_BYTES) float lanes[HWY_MAX_BYTES / sizeof(float)];
  for (int64_t o = 0; o < outer; ++o) {
    const float* row = x + o * n;
    auto a0 = hn::Set(d, id);
    auto a1 = hn::Set(d, id);
    size_t k = 0;
    for (; k + 2 * N <= len; k += 2 * N) {
      a0 = Step(d, kind, a0, hn::LoadU(d, row + k));
      a1 = Step(d, kind, a1, hn::LoadU(d, row + k + N));
    }
    for (; k + N <= len; k += N) a0 = Step(d, kind, a0, hn::LoadU(d, row + k));
    const bool additive = kind != ReduceKind::kMax && kind != ReduceKind::kMin;
    a0 = additive ? hn::Add(a0, a1) : Step(d, kind, a0, a1);
    hn::Store(a0, d, lanes);
    float acc = additive ? 0.0f : id;
    for (size_t j = 0; j < N; ++j)
      acc = additive ? acc + lanes[j] : StepScalar(kind, acc, lanes[j]);
    for (; k < len; ++k) acc = StepScalar(kind, acc, row[k]);
    y[o] = acc;
  }
}

// inner > 1: y's row of accumulators is updated with each of the n input rows in turn, so every
// load streams through memory. Processes columns [0, width) of rows `stride` elements apart (a
// column block of the [outer, n, stride] view when width < stride).
void ReduceColumnsF32(ReduceKind kind, const float* x, float* y, int64_t outer, int64_t n,
                      int64_t width, int64_t stride) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const size_t w = static_cast<size_t>(width);
  const float id = Identity(kind);
  for (int64_t o = 0; o < outer; ++o) {
    float* acc = y + o * stride;
    for (size_t i = 0; i < w; ++i) acc[i] = id;
    for (int64_t k = 0; k < n; ++k) {
      const float* row = x + (o * n + k) * stride;
      size_t i = 0;
      for (; i + N <= w; i += N)
        hn::StoreU(Step(d, kind, hn::LoadU(d, acc + i), hn::LoadU(d, row + i)), d, acc + i);
      for (; i < w; ++i) acc[i] = StepScalar(kind, acc[i], row[i]);
    }
  }
}

// Columns [0, width) of the [outer, n, stride] view; stride == 1 is the row case.
void ReduceF32(ReduceKind kind, const float* x, float* y, int64_t outer, int64_t n, int64_t width,
               int64_t stride) {
  if (stride == 1)
    ReduceRowsF32(kind, x, y, outer, n);
  else
    ReduceColumnsF32(kind, x, y, outer, n, width, stride);
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "base/cpu.h"
#include "base/half.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(ReduceF32);

namespace {

// Storage value -> accumulator value (16-bit floats through float32).
template <class Acc, class T>
Acc widen(T v) {
  if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
    return static_cast<Acc>(to_float(v));
  else
    return static_cast<Acc>(v);
}

// Integer arithmetic that wraps (two's complement) instead of overflowing: computed in an
// unsigned type at least as wide as unsigned int, so 8/16-bit operands are not promoted to int.
template <class T>
using WrapType =
    std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;
template <class T>
T wrap_add(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) + static_cast<WrapType<T>>(b));
}
template <class T>
T wrap_mul(T a, T b) {
  return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
}

template <class Acc>
Acc identity(ReduceKind kind) {
  if constexpr (std::is_same_v<Acc, bool>) {
    return kind == ReduceKind::kMin;  // all() of nothing is true, any() is false
  } else {
    using L = std::numeric_limits<Acc>;
    switch (kind) {
      case ReduceKind::kProd:
        return Acc(1);
      case ReduceKind::kMax:
      case ReduceKind::kLogSumExp:
        return L::has_infinity ? -L::infinity() : L::lowest();
      case ReduceKind::kMin:
        return L::has_infinity ? L::infinity() : L::max();
      default:
        return Acc(0);
    }
  }
}

// acc <- acc (op) v for every kind but kLogSumExp (whose fold is kMax followed by a sum).
template <class Acc>
Acc step(ReduceKind kind, Acc acc, Acc v) {
  if constexpr (std::is_same_v<Acc, bool>) {
    return kind == ReduceKind::kMin ? (acc && v) : (acc || v);
  } else if constexpr (std::is_integral_v<Acc>) {
    switch (kind) {
      case ReduceKind::kSum:
        return wrap_add(acc, v);
      case ReduceKind::kSumSquare:
        return wrap_add(acc, wrap_mul(v, v));
      case ReduceKind::kSumAbs:
        return wrap_add(acc, std::is_signed_v<Acc> && v < 0 ? wrap_mul(v, Acc(-1)) : v);
      case ReduceKind::kProd:
        return wrap_mul(acc, v);
      case ReduceKind::kMin:
        return v < acc ? v : acc;
      default:  // kMax, kLogSumExp's max pass
        return v > acc ? v : acc;
    }
  } else {
    switch (kind) {
      case ReduceKind::kSum:
        return acc + v;
      case ReduceKind::kSumSquare:
        return acc + v * v;
      case ReduceKind::kSumAbs:
        return acc + std::fabs(v);
      case ReduceKind::kProd:
        return acc * v;
      case ReduceKind::kMin:
        return (v < acc || v != v) ? v : acc;
      default:  // kMax, kLogSumExp's max pass
        return (v > acc || v != v) ? v : acc;
    }
  }
}

// Columns [0, width) of the [outer, n, stride] view (see ReduceColumnsF32).
template <class T, class Acc>
void reduce_block(ReduceKind kind, const T* x, Acc* y, int64_t outer, int64_t n, int64_t width,
                  int64_t stride) {
  const ReduceKind fold = kind == ReduceKind::kLogSumExp ? ReduceKind::kMax : kind;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < width; ++i) {
      const T* col = x + o * n * stride + i;
      Acc acc = identity<Acc>(kind);
      for (int64_t k = 0; k < n; ++k) acc = step(fold, acc, widen<Acc>(col[k * stride]));
      if constexpr (std::is_floating_point_v<Acc>) {
        if (kind == ReduceKind::kLogSumExp && std::isfinite(acc)) {
          const Acc m = acc;
          Acc sum = 0;
          for (int64_t k = 0; k < n; ++k) sum += std::exp(widen<Acc>(col[k * stride]) - m);
          acc = m + std::log(sum);
        }
      }
      y[o * stride + i] = acc;
    }
  }
}

}  // namespace

namespace reference {
template <class T, class Acc>
void reduce(ReduceKind kind, const T* x, Acc* y, ReduceShape s) {
  reduce_block<T, Acc>(kind, x, y, s.outer, s.n, s.inner, s.inner);
}
}  // namespace reference

namespace simd {
void reduce_f32(ReduceKind kind, const float* x, float* y, ReduceShape s) {
  HWY_DYNAMIC_DISPATCH(ReduceF32)(kind, x, y, s.outer, s.n, s.inner, s.inner);
}
}  // namespace simd

ReduceKind combining_kind(ReduceKind kind) {
  return kind == ReduceKind::kSumSquare || kind == ReduceKind::kSumAbs ? ReduceKind::kSum : kind;
}

// Threading: tasks own disjoint outputs. Work is split over `outer` and, when that gives too few
// tasks, over blocks of columns (inner > 1); a single long row (outer == inner == 1) is split
// into chunks whose partial results are folded at the end.
template <class T, class Acc>
void reduce(ReduceKind kind, const T* x, Acc* y, ReduceShape s, ThreadPool* pool) {
  if (s.outer <= 0 || s.inner <= 0) return;
  bool use_simd = false;
  if constexpr (std::is_same_v<T, float> && std::is_same_v<Acc, float>)
    use_simd =
        kind != ReduceKind::kProd && kind != ReduceKind::kLogSumExp && !force_scalar_kernels();
  auto block = [&](const T* xb, Acc* yb, int64_t outer, int64_t n, int64_t width) {
    if constexpr (std::is_same_v<T, float> && std::is_same_v<Acc, float>) {
      if (use_simd) return HWY_DYNAMIC_DISPATCH(ReduceF32)(kind, xb, yb, outer, n, width, s.inner);
    }
    reduce_block<T, Acc>(kind, xb, yb, outer, n, width, s.inner);
  };
  const int64_t threads = pool ? pool->num_threads() : 1;
  const int64_t work = s.outer * s.n * s.inner;
  if (threads == 1 || work <= kElementwiseGrain) return block(x, y, s.outer, s.n, s.inner);

  if (s.outer == 1 && s.inner == 1) {
    constexpr int64_t kMaxChunks = 64;
    const int64_t chunks =
        std::min<int64_t>({kMaxChunks, 4 * threads, s.n / kElementwiseGrain + 1});
    Acc partial[kMaxChunks];
    const int64_t len = (s.n + chunks - 1) / chunks;
    parallel_ranges(pool, chunks, 1, [&](int64_t c0, int64_t c1) {
      for (int64_t c = c0; c < c1; ++c) {
        const int64_t k0 = std::min(s.n, c * len);
        block(x + k0, &partial[c], 1, std::min(s.n, k0 + len) - k0, 1);
      }
    });
    return reduce_block<Acc, Acc>(combining_kind(kind), partial, y, 1, chunks, 1, 1);
  }

  // Column blocks of at least 64 elements, enough of them for ~4 tasks per thread.
  int64_t blocks = 1;
  if (s.inner > 1 && s.outer < 4 * threads)
    blocks = std::max<int64_t>(1, std::min(s.inner / 64, (4 * threads + s.outer - 1) / s.outer));
  if (blocks == 1) {
    const int64_t per_outer = std::max<int64_t>(1, s.n * s.inner);
    return parallel_ranges(pool, s.outer, std::max<int64_t>(1, kElementwiseGrain / per_outer),
                           [&](int64_t o0, int64_t o1) {
                             block(x + o0 * s.n * s.inner, y + o0 * s.inner, o1 - o0, s.n, s.inner);
                           });
  }
  const int64_t width = (s.inner + blocks - 1) / blocks;
  const int64_t per_task = std::max<int64_t>(1, s.n * width);
  parallel_ranges(pool, s.outer * blocks, std::max<int64_t>(1, kElementwiseGrain / per_task),
                  [&](int64_t t0, int64_t t1) {
                    for (int64_t t = t0; t < t1; ++t) {
                      const int64_t o = t / blocks, i0 = (t % blocks) * width;
                      const int64_t w = std::min(s.inner, i0 + width) - i0;
                      if (w > 0) block(x + o * s.n * s.inner + i0, y + o * s.inner + i0, 1, s.n, w);
                    }
                  });
}

#define ONYX_REDUCE_INSTANTIATE(T, Acc)                                               \
  template void reduce<T, Acc>(ReduceKind, const T*, Acc*, ReduceShape, ThreadPool*); \
  template void reference::reduce<T, Acc>(ReduceKind, const T*, Acc*, ReduceShape);
#define ONYX_REDUCE_INSTANTIATE_INT(I) \
  ONYX_REDUCE_INSTANTIATE(I, I)        \
  ONYX_REDUCE_INSTANTIATE(I, double)

ONYX_REDUCE_INSTANTIATE(float, float)
ONYX_REDUCE_INSTANTIATE(double, double)
ONYX_REDUCE_INSTANTIATE(Float16, float)
ONYX_REDUCE_INSTANTIATE(BFloat16, float)
ONYX_REDUCE_INSTANTIATE(bool, bool)
ONYX_REDUCE_INSTANTIATE_INT(int8_t)
ONYX_REDUCE_INSTANTIATE_INT(int16_t)
ONYX_REDUCE_INSTANTIATE_INT(int32_t)
ONYX_REDUCE_INSTANTIATE_INT(int64_t)
ONYX_REDUCE_INSTANTIATE_INT(uint8_t)
ONYX_REDUCE_INSTANTIATE_INT(uint16_t)
ONYX_REDUCE_INSTANTIATE_INT(uint32_t)
ONYX_REDUCE_INSTANTIATE_INT(uint64_t)

}  // namespace onyx::kernels
#endif  // HWY_ONCE
