// Unary float32 kernels: scalar reference, Highway SIMD per target, and threaded entry points.
#include "kernels/unary.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/unary.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

void ReluF32(const float* x, float* y, int64_t n) {
  const hn::ScalableTag<float> d;
  const auto zero = hn::Zero(d);
  // Select instead of Max so that NaN passes through on every target.
  Map1(d, x, y, static_cast<size_t>(n),
       [&](auto v) { return hn::IfThenElse(hn::Lt(v, zero), zero, v); });
}

void ClipF32(const float* x, float* y, int64_t n, float lo, float hi) {
  const hn::ScalableTag<float> d;
  const auto vlo = hn::Set(d, lo);
  const auto vhi = hn::Set(d, hi);
  Map1(d, x, y, static_cast<size_t>(n), [&](auto v) {
    v = hn::IfThenElse(hn::Lt(v, vlo), vlo, v);
    return hn::IfThenElse(hn::Gt(v, vhi), vhi, v);
  });
}

void SigmoidF32(const float* x, float* y, int64_t n) {
  const hn::ScalableTag<float> d;
  const auto one = hn::Set(d, 1.0f);
  const auto zero = hn::Zero(d);
  Map1(d, x, y, static_cast<size_t>(n), [&](auto v) {
    // e = exp(-|x|) in (0, 1]; sigmoid = 1/(1+e) for x >= 0, e/(1+e) for x < 0.
    const auto e = hn::Exp(d, hn::Neg(hn::Abs(v)));
    const auto inv = hn::Div(one, hn::Add(one, e));
    const auto r = hn::IfThenElse(hn::Lt(v, zero), hn::Mul(e, inv), inv);
    return hn::IfThenElse(hn::Eq(v, v), r, v);  // NaN in, NaN out
  });
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <cmath>

#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(ReluF32);
HWY_EXPORT(ClipF32);
HWY_EXPORT(SigmoidF32);

namespace reference {
void relu_f32(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] < 0.0f ? 0.0f : x[i];
}
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi) {
  for (int64_t i = 0; i < n; ++i) {
    float v = x[i] < lo ? lo : x[i];
    y[i] = v > hi ? hi : v;
  }
}
void sigmoid_f32(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    float v = x[i];
    float e = std::exp(-std::fabs(v));
    float inv = 1.0f / (1.0f + e);
    y[i] = std::isnan(v) ? v : (v < 0.0f ? e * inv : inv);
  }
}
}  // namespace reference

namespace simd {
void relu_f32(const float* x, float* y, int64_t n) {
  HWY_DYNAMIC_DISPATCH(ReluF32)(x, y, n);
}
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi) {
  HWY_DYNAMIC_DISPATCH(ClipF32)(x, y, n, lo, hi);
}
void sigmoid_f32(const float* x, float* y, int64_t n) {
  HWY_DYNAMIC_DISPATCH(SigmoidF32)(x, y, n);
}
}  // namespace simd

void relu_f32(const float* x, float* y, int64_t n, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::relu_f32 : &simd::relu_f32;
  parallel_ranges(pool, n, kElementwiseGrain,
                  [&](int64_t b, int64_t e) { fn(x + b, y + b, e - b); });
}

void clip_f32(const float* x, float* y, int64_t n, float lo, float hi, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::clip_f32 : &simd::clip_f32;
  parallel_ranges(pool, n, kElementwiseGrain,
                  [&](int64_t b, int64_t e) { fn(x + b, y + b, e - b, lo, hi); });
}

void sigmoid_f32(const float* x, float* y, int64_t n, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::sigmoid_f32 : &simd::sigmoid_f32;
  parallel_ranges(pool, n, kTranscendentalGrain,
                  [&](int64_t b, int64_t e) { fn(x + b, y + b, e - b); });
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
