// Reductions over the middle axis of a [outer, n, inner] row-major view, and arg-reductions.
//
// Contracts (all functions):
//   x holds outer * n * inner elements, element (o, k, i) at x[(o * n + k) * inner + i];
//   y holds outer * inner elements, y[o * inner + i] = fold over k in [0, n) of f(x(o, k, i)).
//   y must not overlap x. No alignment requirement. n == 0 gives the fold's identity (empty set):
//     kSum, kSumSquare, kSumAbs: 0;  kProd: 1;  kMax: -inf (floats) / lowest (ints) / false;
//     kMin: +inf / highest / true;  kLogSumExp: -inf.
// Numerics: kMax/kMin propagate NaN (any NaN in the fold gives NaN). kLogSumExp subtracts the
// fold's maximum before exponentiating, so it never overflows; an infinite or NaN maximum is
// returned as is. Integers fold in their own type with two's-complement wrap-around for
// kSum/kSumSquare/kSumAbs/kProd; in a double accumulator they are widened first. bool supports
// kMax (any) and kMin (all) only.
//
// Supported (input, accumulator) pairs: (float, float) [SIMD for kSum, kSumSquare, kSumAbs, kMax,
// kMin], (double, double), (Float16, float), (BFloat16, float), (I, I) and (I, double) for every
// 8..64-bit integer I, (bool, bool). The top-level functions split work over `pool` (nullable)
// and pick SIMD unless force_scalar_kernels(): over outer, over column blocks when outer is small,
// and a single long row (outer == inner == 1) in chunks whose partials are then combined.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

enum class ReduceKind : uint8_t { kSum, kSumSquare, kSumAbs, kProd, kMax, kMin, kLogSumExp };

// The kind that folds partial results of `kind` into the full result: kSum for kSumSquare and
// kSumAbs (partial sums add up), `kind` itself otherwise (max, min, prod and log-sum-exp are
// associative).
ReduceKind combining_kind(ReduceKind kind);

// The [outer, n, inner] view of one reduction pass.
struct ReduceShape {
  int64_t outer = 1;
  int64_t n = 1;
  int64_t inner = 1;
};

// y = fold(x) in accumulator type Acc (see the supported pairs above).
template <class T, class Acc>
void reduce(ReduceKind kind, const T* x, Acc* y, ReduceShape s, ThreadPool* pool = nullptr);

// y[o * inner + i] = index k in [0, n) of the largest (is_max) or smallest element along n; ties
// pick the first index, or the last with `select_last`. NaN compares as both the largest and the
// smallest value (numpy.argmax/argmin: the first NaN wins). Requires n >= 1. Supported T: float,
// double, Float16, BFloat16 and every 8..64-bit integer.
template <class T>
void arg_reduce(bool is_max, bool select_last, const T* x, int64_t* y, ReduceShape s,
                ThreadPool* pool = nullptr);

// Plain scalar reference (the test oracle), single-threaded.
namespace reference {
template <class T, class Acc>
void reduce(ReduceKind kind, const T* x, Acc* y, ReduceShape s);
}  // namespace reference

// Highway SIMD float32 path for the current best target (dynamic dispatch), single-threaded;
// ignores force_scalar_kernels() so tests can compare it with the reference. kind must be
// kSum, kSumSquare, kSumAbs, kMax or kMin.
namespace simd {
void reduce_f32(ReduceKind kind, const float* x, float* y, ReduceShape s);
}  // namespace simd

}  // namespace onyx::kernels
