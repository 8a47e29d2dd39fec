// Broadcasting comparisons producing bool (Equal, Less, Greater, LessOrEqual, GreaterOrEqual) and
// the elementwise select of Where, for float32 with Highway SIMD; other element types go through
// broadcast_map (kernels/binary.h) with compare_values below.
//
// NaN compares unequal and unordered: every comparison with a NaN operand is false (IEEE / C++).
// Output bools are stored as bytes 0/1. Plans as in kernels/binary.h; no alignment requirement;
// the output never aliases an input (different element types).
#pragma once

#include <cstdint>

#include "base/thread_pool.h"
#include "kernels/binary.h"

namespace onyx::kernels {

enum class CompareOp { kEqual, kLess, kGreater, kLessOrEqual, kGreaterOrEqual };

// The scalar definition (the reference for every element type, strings included for kEqual).
template <class T>
bool compare_values(CompareOp op, const T& x, const T& y) {
  switch (op) {
    case CompareOp::kEqual:
      return x == y;
    case CompareOp::kLess:
      return x < y;
    case CompareOp::kGreater:
      return y < x;
    case CompareOp::kLessOrEqual:
      return x <= y;
    case CompareOp::kGreaterOrEqual:
      return x >= y;
  }
  return false;
}

// out[i] = compare(a, b) over the plan: SIMD (or the reference under force_scalar_kernels()),
// split over `pool`.
void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b, bool* out,
                 ThreadPool* pool = nullptr);

// out[i] = cond[i] ? x element : y element (Where), with `plan` built for (X shape, Y shape) and
// giving the output shape; cond holds plan.numel flags in output order (already broadcast).
// out may equal a full-size x or y (in-place).
void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out, ThreadPool* pool = nullptr);

namespace reference {
void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                 bool* out);
void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out);
}  // namespace reference

namespace simd {  // dynamic dispatch, single-threaded
void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                 bool* out);
void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out);
}  // namespace simd

}  // namespace onyx::kernels
