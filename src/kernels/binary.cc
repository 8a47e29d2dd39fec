// Binary arithmetic kernels: broadcast planning, scalar reference, Highway SIMD rows per target,
// integer loops, and threaded entry points.
#include "kernels/binary.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/binary.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// out[i] = f(a[i * sa], b[i * sb]) for one row; sa, sb in {0, 1}.
template <class T, class F>
HWY_INLINE void RowWith(const T* a, int64_t sa, const T* b, int64_t sb, T* out, int64_t n,
                        const F& f) {
  const hn::ScalableTag<T> d;
  const size_t count = static_cast<size_t>(n);
  if (sa && sb) {
    Map2(d, a, b, out, count, f);
  } else if (sa) {
    const auto vb = hn::Set(d, b[0]);
    Map1(
        d, a, out, count, [&](auto va) { return f(va, vb); }, T(1));
  } else if (sb) {
    const auto va = hn::Set(d, a[0]);
    Map1(
        d, b, out, count, [&](auto vb) { return f(va, vb); }, T(1));
  } else {
    const T value = hn::GetLane(f(hn::Set(d, a[0]), hn::Set(d, b[0])));
    for (size_t i = 0; i < count; ++i) out[i] = value;
  }
}

template <class T>
HWY_INLINE void BinaryRow(BinaryOp op, const T* a, int64_t sa, const T* b, int64_t sb, T* out,
                          int64_t n) {
  switch (op) {
    case BinaryOp::kAdd:
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) { return hn::Add(x, y); });
    case BinaryOp::kSub:
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) { return hn::Sub(x, y); });
    case BinaryOp::kMul:
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) { return hn::Mul(x, y); });
    case BinaryOp::kDiv:
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) { return hn::Div(x, y); });
    case BinaryOp::kMax:  // hn::Max does not propagate NaN on every target: select it back
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) {
        return hn::IfThenElse(hn::IsNaN(x), x, hn::IfThenElse(hn::IsNaN(y), y, hn::Max(x, y)));
      });
    case BinaryOp::kMin:
      return RowWith(a, sa, b, sb, out, n, [](auto x, auto y) {
        return hn::IfThenElse(hn::IsNaN(x), x, hn::IfThenElse(hn::IsNaN(y), y, hn::Min(x, y)));
      });
  }
}

void BinaryRowF32(BinaryOp op, const float* a, int64_t sa, const float* b, int64_t sb, float* out,
                  int64_t n) {
  BinaryRow(op, a, sa, b, sb, out, n);
}

void BinaryRowF64(BinaryOp op, const double* a, int64_t sa, const double* b, int64_t sb,
                  double* out, int64_t n) {
#if HWY_HAVE_FLOAT64
  BinaryRow(op, a, sa, b, sb, out, n);
#else
  for (int64_t i = 0; i < n; ++i) {
    const double x = a[i * sa], y = b[i * sb];
    switch (op) {
      case BinaryOp::kAdd:
        out[i] = x + y;
        break;
      case BinaryOp::kSub:
        out[i] = x - y;
        break;
      case BinaryOp::kMul:
        out[i] = x * y;
        break;
      case BinaryOp::kDiv:
        out[i] = x / y;
        break;
      case BinaryOp::kMax:
        out[i] = x != x ? x : y != y ? y : (x < y ? y : x);
        break;
      case BinaryOp::kMin:
        out[i] = x != x ? x : y != y ? y : (y < x ? y : x);
        break;
    }
  }
#endif
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <algorithm>
#include <cassert>
#include <type_traits>

#include "base/cpu.h"

namespace onyx::kernels {

HWY_EXPORT(BinaryRowF32);
HWY_EXPORT(BinaryRowF64);

BroadcastPlan make_broadcast_plan(const std::vector<int64_t>& a_shape,
                                  const std::vector<int64_t>& b_shape) {
  const size_t rank = std::max(a_shape.size(), b_shape.size());
  auto dim_of = [rank](const std::vector<int64_t>& s, size_t k) {  // right-aligned, padded with 1
    size_t pad = rank - s.size();
    return k < pad ? int64_t{1} : s[k - pad];
  };
  BroadcastPlan plan;
  plan.numel = 1;
  // Merged groups: (length, a present, b present), outermost first. Dims of output size 1 vanish.
  struct Group {
    int64_t len;
    bool a, b;
  };
  std::vector<Group> groups;
  for (size_t k = 0; k < rank; ++k) {
    const int64_t da = dim_of(a_shape, k), db = dim_of(b_shape, k);
    assert(da == db || da == 1 || db == 1);
    const int64_t d = da == 1 ? db : da;
    plan.numel *= d;
    if (d == 1) continue;
    const bool a_in = da == d, b_in = db == d;
    if (!groups.empty() && groups.back().a == a_in && groups.back().b == b_in)
      groups.back().len *= d;
    else
      groups.push_back({d, a_in, b_in});
  }
  if (plan.numel == 0) return plan;  // kEmpty
  using Kind = BroadcastPlan::Kind;
  if (groups.size() <= 1) {
    const bool a_in = groups.empty() || groups[0].a, b_in = groups.empty() || groups[0].b;
    plan.kind = a_in && b_in ? Kind::kSame : a_in ? Kind::kScalarB : Kind::kScalarA;
    plan.inner = plan.numel;
    plan.a_step = a_in ? 1 : 0;
    plan.b_step = b_in ? 1 : 0;
    return plan;
  }
  plan.kind = Kind::kRows;
  const Group& last = groups.back();
  plan.inner = last.len;
  plan.a_step = last.a ? 1 : 0;
  plan.b_step = last.b ? 1 : 0;
  int64_t a_stride = last.a ? last.len : 1, b_stride = last.b ? last.len : 1;
  const size_t outer = groups.size() - 1;
  plan.outer_dims.resize(outer);
  plan.a_strides.resize(outer);
  plan.b_strides.resize(outer);
  for (size_t g = outer; g-- > 0;) {
    plan.outer_dims[g] = groups[g].len;
    plan.a_strides[g] = groups[g].a ? a_stride : 0;
    plan.b_strides[g] = groups[g].b ? b_stride : 0;
    if (groups[g].a) a_stride *= groups[g].len;
    if (groups[g].b) b_stride *= groups[g].len;
  }
  return plan;
}

namespace {

template <class T>
T apply_scalar(BinaryOp op, T x, T y) {
  switch (op) {
    case BinaryOp::kAdd:
      return x + y;
    case BinaryOp::kSub:
      return x - y;
    case BinaryOp::kMul:
      return x * y;
    case BinaryOp::kDiv:
      return x / y;
    case BinaryOp::kMax:
      return x != x ? x : y != y ? y : (x < y ? y : x);
    case BinaryOp::kMin:
      return x != x ? x : y != y ? y : (y < x ? y : x);
  }
  return T(0);
}

template <class T>
void reference_rows(BinaryOp op, const BroadcastPlan& plan, const T* a, const T* b, T* out) {
  for_each_broadcast_row(plan, a, b, out, nullptr, 0,
                         [&](const T* ra, const T* rb, T* ro, int64_t n) {
                           for (int64_t i = 0; i < n; ++i)
                             ro[i] = apply_scalar(op, ra[i * plan.a_step], rb[i * plan.b_step]);
                         });
}

// Integer op on one row with compile-time steps (lets the compiler vectorize).
template <class T, int SA, int SB>
void int_row(BinaryOp op, const T* a, const T* b, T* out, int64_t n) {
  using U = std::make_unsigned_t<T>;
  switch (op) {
    case BinaryOp::kAdd:  // computed in unsigned: wraps, no signed-overflow UB
      for (int64_t i = 0; i < n; ++i) out[i] = T(U(a[i * SA]) + U(b[i * SB]));
      break;
    case BinaryOp::kSub:
      for (int64_t i = 0; i < n; ++i) out[i] = T(U(a[i * SA]) - U(b[i * SB]));
      break;
    case BinaryOp::kMul:
      for (int64_t i = 0; i < n; ++i) {
        // Promote narrow unsigned types past int so the product cannot overflow signed int.
        using W = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, U>;
        out[i] = T(W(U(a[i * SA])) * W(U(b[i * SB])));
      }
      break;
    case BinaryOp::kDiv:
      for (int64_t i = 0; i < n; ++i) {
        const T x = a[i * SA], y = b[i * SB];
        if constexpr (std::is_signed_v<T>)
          out[i] = y == T(-1) ? T(U(0) - U(x)) : T(x / y);  // MIN / -1 wraps to MIN
        else
          out[i] = T(x / y);
      }
      break;
    case BinaryOp::kMax:
      for (int64_t i = 0; i < n; ++i) out[i] = std::max(a[i * SA], b[i * SB]);
      break;
    case BinaryOp::kMin:
      for (int64_t i = 0; i < n; ++i) out[i] = std::min(a[i * SA], b[i * SB]);
      break;
  }
}

}  // namespace

template <class T>
void binary_int(BinaryOp op, const BroadcastPlan& plan, const T* a, const T* b, T* out,
                ThreadPool* pool) {
  const int64_t sa = plan.a_step, sb = plan.b_step;
  for_each_broadcast_row(plan, a, b, out, pool, kElementwiseGrain,
                         [&](const T* ra, const T* rb, T* ro, int64_t n) {
                           if (sa && sb)
                             int_row<T, 1, 1>(op, ra, rb, ro, n);
                           else if (sa)
                             int_row<T, 1, 0>(op, ra, rb, ro, n);
                           else if (sb)
                             int_row<T, 0, 1>(op, ra, rb, ro, n);
                           else
                             int_row<T, 0, 0>(op, ra, rb, ro, n);
                         });
}

template void binary_int<int8_t>(BinaryOp, const BroadcastPlan&, const int8_t*, const int8_t*,
                                 int8_t*, ThreadPool*);
template void binary_int<int16_t>(BinaryOp, const BroadcastPlan&, const int16_t*, const int16_t*,
                                  int16_t*, ThreadPool*);
template void binary_int<int32_t>(BinaryOp, const BroadcastPlan&, const int32_t*, const int32_t*,
                                  int32_t*, ThreadPool*);
template void binary_int<int64_t>(BinaryOp, const BroadcastPlan&, const int64_t*, const int64_t*,
                                  int64_t*, ThreadPool*);
template void binary_int<uint8_t>(BinaryOp, const BroadcastPlan&, const uint8_t*, const uint8_t*,
                                  uint8_t*, ThreadPool*);
template void binary_int<uint16_t>(BinaryOp, const BroadcastPlan&, const uint16_t*, const uint16_t*,
                                   uint16_t*, ThreadPool*);
template void binary_int<uint32_t>(BinaryOp, const BroadcastPlan&, const uint32_t*, const uint32_t*,
                                   uint32_t*, ThreadPool*);
template void binary_int<uint64_t>(BinaryOp, const BroadcastPlan&, const uint64_t*, const uint64_t*,
                                   uint64_t*, ThreadPool*);

namespace reference {
void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b,
                float* out) {
  reference_rows(op, plan, a, b, out);
}
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out) {
  reference_rows(op, plan, a, b, out);
}
}  // namespace reference

namespace simd {
void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b,
                float* out) {
  auto* row = &HWY_DYNAMIC_DISPATCH(BinaryRowF32);
  for_each_broadcast_row(plan, a, b, out, nullptr, 0,
                         [&](const float* ra, const float* rb, float* ro, int64_t n) {
                           row(op, ra, plan.a_step, rb, plan.b_step, ro, n);
                         });
}
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out) {
  auto* row = &HWY_DYNAMIC_DISPATCH(BinaryRowF64);
  for_each_broadcast_row(plan, a, b, out, nullptr, 0,
                         [&](const double* ra, const double* rb, double* ro, int64_t n) {
                           row(op, ra, plan.a_step, rb, plan.b_step, ro, n);
                         });
}
}  // namespace simd

namespace {
template <class T, class RowFn>
void threaded(BinaryOp op, const BroadcastPlan& plan, const T* a, const T* b, T* out,
              ThreadPool* pool, RowFn simd_row) {
  if (force_scalar_kernels()) {
    for_each_broadcast_row(plan, a, b, out, pool, kElementwiseGrain,
                           [&](const T* ra, const T* rb, T* ro, int64_t n) {
                             for (int64_t i = 0; i < n; ++i)
                               ro[i] = apply_scalar(op, ra[i * plan.a_step], rb[i * plan.b_step]);
                           });
    return;
  }
  for_each_broadcast_row(plan, a, b, out, pool, kElementwiseGrain,
                         [&](const T* ra, const T* rb, T* ro, int64_t n) {
                           simd_row(op, ra, plan.a_step, rb, plan.b_step, ro, n);
                         });
}
}  // namespace

void binary_f32(BinaryOp op, const BroadcastPlan& plan, const float* a, const float* b, float* out,
                ThreadPool* pool) {
  threaded(op, plan, a, b, out, pool, &HWY_DYNAMIC_DISPATCH(BinaryRowF32));
}
void binary_f64(BinaryOp op, const BroadcastPlan& plan, const double* a, const double* b,
                double* out, ThreadPool* pool) {
  threaded(op, plan, a, b, out, pool, &HWY_DYNAMIC_DISPATCH(BinaryRowF64));
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
