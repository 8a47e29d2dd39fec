// Comparison and select kernels: Highway rows per target, scalar reference, threaded entry points.
#include "kernels/binary_compare.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/binary_compare.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Stores mask m (over float lanes) as N bytes 0/1 at out.
template <class D, class M>
HWY_INLINE void StoreMaskBytes(D d, M m, bool* out) {
  const hn::Rebind<int32_t, D> di;
  const hn::Rebind<uint8_t, D> du8;
  const auto ones = hn::IfThenElseZero(hn::RebindMask(di, m), hn::Set(di, 1));
  hn::StoreU(hn::DemoteTo(du8, ones), du8, reinterpret_cast<uint8_t*>(out));
}

// out[i] = cmp(a[i * sa], b[i * sb]) for one row; sa, sb in {0, 1}. Tails run scalar.
template <class Cmp>
HWY_INLINE void CompareRowWith(const float* a, int64_t sa, const float* b, int64_t sb, bool* out,
                               int64_t n, CompareOp op, const Cmp& cmp) {
  const hn::ScalableTag<float> d;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  int64_t i = 0;
  if (sa && sb) {
    for (; i + N <= n; i += N)
      StoreMaskBytes(d, cmp(hn::LoadU(d, a + i), hn::LoadU(d, b + i)), out + i);
  } else if (sa) {
    const auto vb = hn::Set(d, b[0]);
    for (; i + N <= n; i += N) StoreMaskBytes(d, cmp(hn::LoadU(d, a + i), vb), out + i);
  } else if (sb) {
    const auto va = hn::Set(d, a[0]);
    for (; i + N <= n; i += N) StoreMaskBytes(d, cmp(va, hn::LoadU(d, b + i)), out + i);
  }
  for (; i < n; ++i) out[i] = compare_values(op, a[i * sa], b[i * sb]);
}

void CompareRowF32(CompareOp op, const float* a, int64_t sa, const float* b, int64_t sb, bool* out,
                   int64_t n) {
  switch (op) {
    case CompareOp::kEqual:
      return CompareRowWith(a, sa, b, sb, out, n, op, [](auto x, auto y) { return hn::Eq(x, y); });
    case CompareOp::kLess:
      return CompareRowWith(a, sa, b, sb, out, n, op, [](auto x, auto y) { return hn::Lt(x, y); });
    case CompareOp::kGreater:
      return CompareRowWith(a, sa, b, sb, out, n, op, [](auto x, auto y) { return hn::Gt(x, y); });
    case CompareOp::kLessOrEqual:
      return CompareRowWith(a, sa, b, sb, out, n, op, [](auto x, auto y) { return hn::Le(x, y); });
    case CompareOp::kGreaterOrEqual:
      return CompareRowWith(a, sa, b, sb, out, n, op, [](auto x, auto y) { return hn::Ge(x, y); });
  }
}

// out[i] = c[i] ? x[i * sx] : y[i * sy] for one row; sx, sy in {0, 1}. Tails run scalar.
void SelectRowF32(const bool* c, const float* x, int64_t sx, const float* y, int64_t sy, float* out,
                  int64_t n) {
  const hn::ScalableTag<float> d;
  const hn::Rebind<int32_t, decltype(d)> di;
  const hn::Rebind<uint8_t, decltype(d)> du8;
  const int64_t N = static_cast<int64_t>(hn::Lanes(d));
  const auto* c8 = reinterpret_cast<const uint8_t*>(c);
  const auto vx = hn::Set(d, x[0]), vy = hn::Set(d, y[0]);
  int64_t i = 0;
  for (; i + N <= n; i += N) {
    const auto flags = hn::PromoteTo(di, hn::LoadU(du8, c8 + i));
    const auto m = hn::RebindMask(d, hn::Ne(flags, hn::Zero(di)));
    hn::StoreU(hn::IfThenElse(m, sx ? hn::LoadU(d, x + i) : vx, sy ? hn::LoadU(d, y + i) : vy), d,
               out + i);
  }
  for (; i < n; ++i) out[i] = c[i] ? x[i * sx] : y[i * sy];
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "base/cpu.h"

namespace onyx::kernels {

HWY_EXPORT(CompareRowF32);
HWY_EXPORT(SelectRowF32);

namespace {
void compare_rows_reference(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                            bool* out, ThreadPool* pool) {
  broadcast_map(plan, a, b, out, pool, [op](float x, float y) { return compare_values(op, x, y); });
}
void compare_rows_simd(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                       bool* out, ThreadPool* pool) {
  auto* row = &HWY_DYNAMIC_DISPATCH(CompareRowF32);
  for_each_broadcast_row(plan, a, b, out, pool, kElementwiseGrain,
                         [&](const float* ra, const float* rb, bool* ro, int64_t n) {
                           row(op, ra, plan.a_step, rb, plan.b_step, ro, n);
                         });
}

// Row loop of select: the row's output offset indexes the (output-shaped) condition.
template <class RowFn>
void select_rows(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                 float* out, ThreadPool* pool, const RowFn& row) {
  for_each_broadcast_row(plan, x, y, out, pool, kElementwiseGrain,
                         [&](const float* rx, const float* ry, float* ro, int64_t n) {
                           row(cond + (ro - out), rx, plan.a_step, ry, plan.b_step, ro, n);
                         });
}

void select_row_reference(const bool* c, const float* x, int64_t sx, const float* y, int64_t sy,
                          float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = c[i] ? x[i * sx] : y[i * sy];
}

}  // namespace

namespace reference {
void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                 bool* out) {
  compare_rows_reference(op, plan, a, b, out, nullptr);
}
void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out) {
  select_rows(plan, cond, x, y, out, nullptr, select_row_reference);
}
}  // namespace reference

namespace simd {
void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b,
                 bool* out) {
  compare_rows_simd(op, plan, a, b, out, nullptr);
}
void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out) {
  select_rows(plan, cond, x, y, out, nullptr, HWY_DYNAMIC_DISPATCH(SelectRowF32));
}
}  // namespace simd

void compare_f32(CompareOp op, const BroadcastPlan& plan, const float* a, const float* b, bool* out,
                 ThreadPool* pool) {
  if (force_scalar_kernels())
    compare_rows_reference(op, plan, a, b, out, pool);
  else
    compare_rows_simd(op, plan, a, b, out, pool);
}

void select_f32(const BroadcastPlan& plan, const bool* cond, const float* x, const float* y,
                float* out, ThreadPool* pool) {
  if (force_scalar_kernels())
    select_rows(plan, cond, x, y, out, pool, select_row_reference);
  else
    select_rows(plan, cond, x, y, out, pool, HWY_DYNAMIC_DISPATCH(SelectRowF32));
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
