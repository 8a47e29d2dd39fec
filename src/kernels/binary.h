// Binary elementwise arithmetic (Add, Sub, Mul, Div, Max, Min) with numpy multidirectional
// broadcasting, and broadcast_map, the generic per-element loop every other broadcasting op uses.
//
// A BroadcastPlan is built once per shape pair (at prepare time) and describes the output as
// `rows` rows of `inner` contiguous elements; within a row each operand either advances with the
// output (step 1) or stays on one element (step 0, broadcast). Fast paths fall out of this form:
//   kSame     same shapes: one row of numel, steps 1/1 (split over threads by elements)
//   kScalarA  a has one element: steps 0/1;  kScalarB likewise
//   kRows     everything else, e.g. per-channel [N,C,H,W] op [C,1,1] = N*C rows of H*W with b
//             step 0, or [M,K] op [K] = M rows of K with steps 1/1; the outer dims keep per-operand
//             strides so any broadcast pattern works (general N-d fallback).
// Adjacent dims with the same broadcast pattern are merged, so the outer rank stays small.
//
// Aliasing: `out` may equal `a` or `b` when that operand has the output's numel (in-place);
// partial overlap is not supported. No alignment requirement.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/thread_pool.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

// kMax / kMin propagate NaN: the result is NaN when either operand is (float types).
enum class BinaryOp { kAdd, kSub, kMul, kDiv, kMax, kMin };

struct BroadcastPlan {
  enum class Kind { kEmpty, kSame, kScalarA, kScalarB, kRows };
  Kind kind = Kind::kEmpty;
  int64_t numel = 0;               // output elements
  int64_t inner = 0;               // elements per row
  int64_t a_step = 0, b_step = 0;  // 0 or 1 within a row
  // Outer (row) index space, outermost first, with element strides into a and b (0 = broadcast).
  std::vector<int64_t> outer_dims, a_strides, b_strides;

  int64_t rows() const { return inner > 0 ? numel / inner : 0; }
};

// Builds the plan for concrete shapes (dims >= 0) that are broadcast-compatible (caller checked:
// aligned from the right, each dim pair equal or one of them 1).
BroadcastPlan make_broadcast_plan(const std::vector<int64_t>& a_shape,
                                  const std::vector<int64_t>& b_shape);

// Outer ranks up to this use an incremental index; deeper ones recompute offsets per row.
constexpr size_t kMaxBroadcastOuterRank = 16;

// Calls row(a_row, b_row, out_row, n) with a_row/b_row advancing by plan.a_step/b_step per
// element, for every output row; splits over `pool` with at least `grain` elements per task.
template <class TA, class TB, class TO, class RowFn>
void for_each_broadcast_row(const BroadcastPlan& plan, const TA* a, const TB* b, TO* out,
                            ThreadPool* pool, int64_t grain, const RowFn& row) {
  using Kind = BroadcastPlan::Kind;
  if (plan.kind == Kind::kEmpty) return;
  if (plan.kind != Kind::kRows) {  // one long row: split by elements
    parallel_ranges(pool, plan.numel, grain, [&](int64_t begin, int64_t end) {
      row(a + begin * plan.a_step, b + begin * plan.b_step, out + begin, end - begin);
    });
    return;
  }
  const int64_t inner = plan.inner;
  const int64_t row_grain = (grain + inner - 1) / inner;
  const size_t rank = plan.outer_dims.size();
  parallel_ranges(pool, plan.rows(), row_grain, [&](int64_t begin, int64_t end) {
    // Offsets of row r into a and b: decompose r over outer_dims.
    auto offsets = [&](int64_t r, int64_t* idx, int64_t& a_off, int64_t& b_off) {
      a_off = b_off = 0;
      for (size_t k = rank; k-- > 0;) {
        int64_t i = r % plan.outer_dims[k];
        r /= plan.outer_dims[k];
        if (idx) idx[k] = i;
        a_off += i * plan.a_strides[k];
        b_off += i * plan.b_strides[k];
      }
    };
    int64_t a_off = 0, b_off = 0;
    if (rank > kMaxBroadcastOuterRank) {  // very high rank: recompute per row
      for (int64_t r = begin; r < end; ++r) {
        offsets(r, nullptr, a_off, b_off);
        row(a + a_off, b + b_off, out + r * inner, inner);
      }
      return;
    }
    int64_t idx[kMaxBroadcastOuterRank];
    offsets(begin, idx, a_off, b_off);
    for (int64_t r = begin; r < end; ++r) {
      row(a + a_off, b + b_off, out + r * inner, inner);
      for (size_t k = rank; k-- > 0;) {  // odometer step
        a_off += plan.a_strides[k];
        b_off += plan.b_strides[k];
        if (++idx[k] < plan.outer_dims[k]) break;
        a_off -= idx[k] * plan.a_strides[k];
        b_off -= idx[k] * plan.b_strides[k];
        idx[k] = 0;
      }
    }
  });
}

// out[i] = f(a element, b element) over the plan, for any element types (TO may differ from TA and
// TB, e.g. bool for comparisons). Scalar loops with the broadcast operand hoisted, which the
// compiler vectorizes for simple f; the path for ops without a dedicated SIMD kernel. Aliasing as
// above (out may equal a full-size a or b of the same type).
template <class TA, class TB, class TO, class F>
void broadcast_map(const BroadcastPlan& plan, const TA* a, const TB* b, TO* out, ThreadPool* pool,
                   const F& f) {
  const int64_t sa = plan.a_step, sb = plan.b_step;
  for_each_broadcast_row(plan, a, b, out, pool, kElementwiseGrain,
                         [&](const TA* ra, const TB* rb, TO* ro, int64_t n) {
                           if (sa && sb) {
                             for (int64_t i = 0; i < n; ++i) ro[i] = f(ra[i], rb[i]);
                           } else if (sa) {
                             const TB y = rb[0];
                             for (int64_t i = 0; i < n; ++i) ro[i] = f(ra[i], y);
                           } else if (sb) {
                             const TA x = ra[0];
                             for (int64_t i = 0; i < n; ++i) ro[i] = f(x, rb[i]);
                           } else {
                             const TO value = f(ra[0], rb[0]);
                             for (int64_t i = 0; i < n; ++i) ro[i] = value;
                           }
                         });
}

// out = b broadcast to the plan's output shape, for a plan built for (output shape, b's shape);
// the first operand is not read.
template <class T>
void broadcast_copy(const BroadcastPlan& plan, const T* b, T* out, ThreadPool* pool) {
  for_each_broadcast_row(plan, out, b, out, pool, kElementwiseGrain,
                         [&](const T*, const T* rb, T* ro, int64_t n) {
                           if (plan.b_step)
                             std::copy(rb, rb + n, ro);
                           else
                             std::fill(ro, ro + n, rb[0]);
                         });
}

// float32 / float64 entry points: SIMD (or the reference when force_scalar_kernels()), threaded.
void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b, float* out,
                ThreadPool* pool = nullptr);
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out, ThreadPool* pool = nullptr);

// Integer element types (int8..int64, uint8..uint64), scalar loops (the compiler vectorizes the
// same-step cases). Max/Min compare as signed/unsigned values. Div truncates toward zero; the
// caller must ensure no divisor is zero. For signed types MIN / -1 wraps to MIN and Add/Sub/Mul
// wrap modulo 2^bits (no UB).
template <class T>
void binary_int(BinaryOp op, const BroadcastPlan& plan, const T* a, const T* b, T* out,
                ThreadPool* pool = nullptr);

namespace reference {
void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b, float* out);
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out);
}  // namespace reference

namespace simd {  // dynamic dispatch, single-threaded
void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b, float* out);
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out);
}  // namespace simd

}  // namespace onyx::kernels
