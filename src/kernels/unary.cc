// Unary float32 kernels: scalar reference (kernels/unary_scalar.h), Highway SIMD per target, and
// threaded entry points. relu_f32, clip_f32 and sigmoid_f32 are unary_f32 with a fixed function.
#include "kernels/unary.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/unary.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"
#include "kernels/elementwise-inl.h"
#include "kernels/unary_math-inl.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;
using DF = hn::ScalableTag<float>;
using VF = hn::Vec<DF>;

// NaN lanes of x pass through unchanged (hwy's math functions leave them unspecified).
HWY_INLINE VF KeepNaN(VF x, VF r) {
  return hn::IfThenElse(hn::Eq(x, x), r, x);
}

// exp with overflow to +inf (hwy's Exp is valid up to 104 only).
HWY_INLINE VF ExpF(DF d, VF x) {
  const VF r = hn::Exp(d, hn::Min(x, hn::Set(d, 100.0f)));
  return KeepNaN(x, hn::IfThenElse(hn::Gt(x, hn::Set(d, 88.8f)), hn::Inf(d), r));
}

// log with log(0) = -inf, log(x < 0) = NaN, log(inf) = inf.
HWY_INLINE VF LogF(DF d, VF x) {
  const VF zero = hn::Zero(d), inf = hn::Inf(d);
  VF r = hn::Log(d, hn::IfThenElse(hn::Gt(x, zero), x, hn::Set(d, 1.0f)));
  r = hn::IfThenElse(hn::Eq(x, zero), hn::Neg(inf), r);
  r = hn::IfThenElse(hn::Lt(x, zero), hn::NaN(d), r);
  r = hn::IfThenElse(hn::Eq(x, inf), inf, r);
  return KeepNaN(x, r);
}

HWY_INLINE VF TanhF(DF d, VF x) {
  return KeepNaN(x, hn::Tanh(d, x));
}

// erf(x) for |x| < 0.5: x times the Taylor polynomial in x^2 through x^12.
HWY_INLINE VF ErfSmall(DF d, VF x) {
  const VF x2 = hn::Mul(x, x);
  // 2/sqrt(pi) * (1, -1/3, 1/10, -1/42, 1/216, -1/1320, 1/9360)
  VF s = hn::Set(d, 1.2055332981789664e-4f);
  s = hn::MulAdd(s, x2, hn::Set(d, -8.5483270234508529e-4f));
  s = hn::MulAdd(s, x2, hn::Set(d, 5.2239776254421878e-3f));
  s = hn::MulAdd(s, x2, hn::Set(d, -2.6866170645131252e-2f));
  s = hn::MulAdd(s, x2, hn::Set(d, 1.1283791670955126e-1f));
  s = hn::MulAdd(s, x2, hn::Set(d, -3.7612638903183752e-1f));
  s = hn::MulAdd(s, x2, hn::Set(d, 1.1283791670955126f));
  return hn::Mul(x, s);
}

// erfc(z) for z >= 0 (+inf gives 0; NaN gives some finite value, callers keep NaN themselves)
// from the Chebyshev fit erfc(z) = t exp(-z^2 + P(t)), t = 1 / (1 + z/2) (fractional error <
// 1.2e-7; the reciprocal and exp each add ~2 ulp). z is capped at 10 first: erfc(10) ~ 2e-45
// underflows anyway, and the cap keeps t and the exp argument finite.
HWY_INLINE VF ErfcNonNegative(DF d, VF z) {
  const VF one = hn::Set(d, 1.0f);
  const VF zc = hn::Min(z, hn::Set(d, 10.0f));
  const VF t = ReciprocalFinite(d, hn::MulAdd(hn::Set(d, 0.5f), zc, one));
  // P(t) = c0 + c1 t + ... + c9 t^9 in Estrin form (shorter dependency chain than Horner).
  const VF t2 = hn::Mul(t, t), t4 = hn::Mul(t2, t2);
  const VF p01 = hn::MulAdd(hn::Set(d, 1.00002368f), t, hn::Set(d, -1.26551223f));
  const VF p23 = hn::MulAdd(hn::Set(d, 0.09678418f), t, hn::Set(d, 0.37409196f));
  const VF p45 = hn::MulAdd(hn::Set(d, 0.27886807f), t, hn::Set(d, -0.18628806f));
  const VF p67 = hn::MulAdd(hn::Set(d, 1.48851587f), t, hn::Set(d, -1.13520398f));
  const VF p89 = hn::MulAdd(hn::Set(d, 0.17087277f), t, hn::Set(d, -0.82215223f));
  const VF p03 = hn::MulAdd(p23, t2, p01), p47 = hn::MulAdd(p67, t2, p45);
  const VF p = hn::MulAdd(hn::MulAdd(p89, t4, p47), t4, p03);
  // P(t) - z^2 <= P(1) ~ 0 for z >= 0: within ExpNoOverflowFtz's domain; flushed results are
  // below 2^-126.
  return hn::Mul(t, ExpNoOverflowFtz(d, hn::NegMulAdd(zc, zc, p)));
}

// erf: Taylor for |x| < 0.5, else sign(x) (1 - erfc(|x|)).
HWY_INLINE VF ErfF(DF d, VF x) {
  const VF z = hn::Abs(x);
  const VF big = hn::CopySign(hn::Sub(hn::Set(d, 1.0f), ErfcNonNegative(d, z)), x);
  return KeepNaN(x, hn::IfThenElse(hn::Lt(z, hn::Set(d, 0.5f)), ErfSmall(d, x), big));
}

// erfc(w) = 1 - erf(w) without cancellation: erfc(|w|) for w >= 0, 2 - erfc(|w|) for w < 0 (the
// fit is relative everywhere, and 2 - erfc(|w|) is in [1, 2], so no Taylor branch is needed).
HWY_INLINE VF ErfcF(DF d, VF w) {
  const VF tail = ErfcNonNegative(d, hn::Abs(w));
  return KeepNaN(w, hn::IfThenElse(hn::Lt(w, hn::Zero(d)), hn::Sub(hn::Set(d, 2.0f), tail), tail));
}

// max(x, 0) + log1p(exp(-|x|))
HWY_INLINE VF SoftplusF(DF d, VF x) {
  const VF zero = hn::Zero(d);
  const VF pos = hn::IfThenElse(hn::Gt(x, zero), x, zero);
  return KeepNaN(x, hn::Add(pos, hn::Log1p(d, hn::Exp(d, hn::Neg(hn::Abs(x))))));
}

// 1 / (1 + exp(-x)) from e = exp(-|x|) (no overflow): 1/(1+e) for x >= 0, e/(1+e) for x < 0.
HWY_INLINE VF SigmoidF(DF d, VF x) {
  const VF one = hn::Set(d, 1.0f);
  const VF e = ExpNoOverflow(d, hn::Neg(hn::Abs(x)));
  const VF inv = hn::Div(one, hn::Add(one, e));  // exact division: sigmoid(0) = 0.5 exactly
  return KeepNaN(x, hn::IfThenElse(hn::Lt(x, hn::Zero(d)), hn::Mul(e, inv), inv));
}

// lo/hi bounds by compare + select so that NaN passes through on every target.
HWY_INLINE VF ClampF(VF v, VF lo, VF hi) {
  v = hn::IfThenElse(hn::Lt(v, lo), lo, v);
  return hn::IfThenElse(hn::Gt(v, hi), hi, v);
}

void UnaryF32Impl(int op, const float* x, float* y, int64_t n64, float alpha, float beta) {
  const DF d;
  const size_t n = static_cast<size_t>(n64);
  const VF zero = hn::Zero(d), one = hn::Set(d, 1.0f), half = hn::Set(d, 0.5f);
  const VF va = hn::Set(d, alpha), vb = hn::Set(d, beta);
  switch (static_cast<UnaryF32>(op)) {
    case UnaryF32::kAbs:
      return Map1(d, x, y, n, [&](VF v) { return hn::Abs(v); });
    case UnaryF32::kNeg:
      return Map1(d, x, y, n, [&](VF v) { return hn::Neg(v); });
    case UnaryF32::kSqrt:
      return Map1(d, x, y, n, [&](VF v) { return hn::Sqrt(v); });
    case UnaryF32::kReciprocal:
      return Map1(d, x, y, n, [&](VF v) { return hn::Div(one, v); });
    case UnaryF32::kFloor:
      return Map1(d, x, y, n, [&](VF v) { return hn::Floor(v); });
    case UnaryF32::kCeil:
      return Map1(d, x, y, n, [&](VF v) { return hn::Ceil(v); });
    case UnaryF32::kRound:
      return Map1(d, x, y, n, [&](VF v) { return hn::Round(v); });
    case UnaryF32::kExp:
      return Map1(d, x, y, n, [&](VF v) { return ExpF(d, v); });
    case UnaryF32::kLog:
      return Map1(
          d, x, y, n, [&](VF v) { return LogF(d, v); }, 1.0f);
    case UnaryF32::kTanh:
      return Map1(d, x, y, n, [&](VF v) { return TanhF(d, v); });
    case UnaryF32::kErf:
      return Map1<true>(d, x, y, n, [&](VF v) { return ErfF(d, v); });
    case UnaryF32::kGelu: {
      // x/2 erfc(-x / sqrt 2) (see scalar::gelu).
      const VF neg_rsqrt2 = hn::Set(d, -0.70710678118654752f);
      return Map1<true>(d, x, y, n, [&](VF v) {
        return hn::Mul(hn::Mul(half, v), ErfcF(d, hn::Mul(v, neg_rsqrt2)));
      });
    }
    case UnaryF32::kGeluTanh: {
      // x * sigmoid(2u), u = sqrt(2/pi) (x + 0.044715 x^3) (see scalar::gelu_tanh).
      const VF k2 = hn::Set(d, 2.0f * 0.79788456080286536f), c = hn::Set(d, 0.044715f);
      return Map1(d, x, y, n, [&](VF v) {
        const VF two_u = hn::Mul(k2, hn::MulAdd(hn::Mul(c, hn::Mul(v, v)), v, v));
        return hn::Mul(v, SigmoidF(d, two_u));
      });
    }
    case UnaryF32::kRelu:
      return Map1(d, x, y, n, [&](VF v) { return hn::IfThenElse(hn::Lt(v, zero), zero, v); });
    case UnaryF32::kLeakyRelu:
      return Map1(d, x, y, n,
                  [&](VF v) { return hn::IfThenElse(hn::Lt(v, zero), hn::Mul(va, v), v); });
    case UnaryF32::kElu:
      return Map1(d, x, y, n, [&](VF v) {
        const VF e = hn::Mul(va, hn::Expm1(d, hn::Min(v, zero)));
        return hn::IfThenElse(hn::Lt(v, zero), e, v);
      });
    case UnaryF32::kHardSigmoid:
      return Map1(d, x, y, n, [&](VF v) { return ClampF(hn::MulAdd(va, v, vb), zero, one); });
    case UnaryF32::kHardSwish: {
      const VF sixth = hn::Set(d, 1.0f / 6.0f);
      return Map1(d, x, y, n,
                  [&](VF v) { return hn::Mul(v, ClampF(hn::MulAdd(sixth, v, half), zero, one)); });
    }
    case UnaryF32::kSoftplus:
      return Map1(d, x, y, n, [&](VF v) { return SoftplusF(d, v); });
    case UnaryF32::kMish:
      return Map1(d, x, y, n, [&](VF v) { return hn::Mul(v, TanhF(d, SoftplusF(d, v))); });
    case UnaryF32::kSigmoid:
      return Map1(d, x, y, n, [&](VF v) { return SigmoidF(d, v); });
    case UnaryF32::kSwish:
      return Map1(d, x, y, n, [&](VF v) { return hn::Mul(v, SigmoidF(d, hn::Mul(va, v))); });
    case UnaryF32::kClip:
      return Map1(d, x, y, n, [&](VF v) { return ClampF(v, va, vb); });
  }
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <cmath>

#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/unary_scalar.h"

namespace onyx::kernels {

HWY_EXPORT(UnaryF32Impl);

namespace reference {
namespace {
template <class Fn>
void map(const float* x, float* y, int64_t n, Fn fn) {
  for (int64_t i = 0; i < n; ++i) y[i] = fn(x[i]);
}
}  // namespace

void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams p) {
  const float a = p.alpha, b = p.beta;
  switch (op) {
    case UnaryF32::kAbs:
      return map(x, y, n, [](float v) { return std::fabs(v); });
    case UnaryF32::kNeg:
      return map(x, y, n, [](float v) { return -v; });
    case UnaryF32::kSqrt:
      return map(x, y, n, [](float v) { return std::sqrt(v); });
    case UnaryF32::kReciprocal:
      return map(x, y, n, [](float v) { return 1.0f / v; });
    case UnaryF32::kFloor:
      return map(x, y, n, [](float v) { return std::floor(v); });
    case UnaryF32::kCeil:
      return map(x, y, n, [](float v) { return std::ceil(v); });
    case UnaryF32::kRound:
      return map(x, y, n, [](float v) { return scalar::round_half_even(v); });
    case UnaryF32::kExp:
      return map(x, y, n, [](float v) { return std::exp(v); });
    case UnaryF32::kLog:
      return map(x, y, n, [](float v) { return std::log(v); });
    case UnaryF32::kTanh:
      return map(x, y, n, [](float v) { return std::tanh(v); });
    case UnaryF32::kErf:
      return map(x, y, n, [](float v) { return std::erf(v); });
    case UnaryF32::kGelu:
      return map(x, y, n, [](float v) { return scalar::gelu(v); });
    case UnaryF32::kGeluTanh:
      return map(x, y, n, [](float v) { return scalar::gelu_tanh(v); });
    case UnaryF32::kRelu:
      return map(x, y, n, [](float v) { return scalar::relu(v); });
    case UnaryF32::kLeakyRelu:
      return map(x, y, n, [a](float v) { return scalar::leaky_relu(v, a); });
    case UnaryF32::kElu:
      return map(x, y, n, [a](float v) { return scalar::elu(v, a); });
    case UnaryF32::kHardSigmoid:
      return map(x, y, n, [a, b](float v) { return scalar::hard_sigmoid(v, a, b); });
    case UnaryF32::kHardSwish:
      return map(x, y, n, [](float v) { return scalar::hard_swish(v); });
    case UnaryF32::kSoftplus:
      return map(x, y, n, [](float v) { return scalar::softplus(v); });
    case UnaryF32::kMish:
      return map(x, y, n, [](float v) { return scalar::mish(v); });
    case UnaryF32::kSigmoid:
      return map(x, y, n, [](float v) { return scalar::sigmoid(v); });
    case UnaryF32::kSwish:
      return map(x, y, n, [a](float v) { return scalar::swish(v, a); });
    case UnaryF32::kClip:
      return map(x, y, n, [a, b](float v) { return scalar::clip(v, a, b); });
  }
}
void relu_f32(const float* x, float* y, int64_t n) {
  reference::unary_f32(UnaryF32::kRelu, x, y, n);
}
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi) {
  reference::unary_f32(UnaryF32::kClip, x, y, n, {lo, hi});
}
void sigmoid_f32(const float* x, float* y, int64_t n) {
  reference::unary_f32(UnaryF32::kSigmoid, x, y, n);
}
}  // namespace reference

namespace simd {
void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams p) {
  HWY_DYNAMIC_DISPATCH(UnaryF32Impl)(static_cast<int>(op), x, y, n, p.alpha, p.beta);
}
void relu_f32(const float* x, float* y, int64_t n) {
  simd::unary_f32(UnaryF32::kRelu, x, y, n);
}
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi) {
  simd::unary_f32(UnaryF32::kClip, x, y, n, {lo, hi});
}
void sigmoid_f32(const float* x, float* y, int64_t n) {
  simd::unary_f32(UnaryF32::kSigmoid, x, y, n);
}
}  // namespace simd

void unary_f32(UnaryF32 op, const float* x, float* y, int64_t n, UnaryParams params,
               ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::unary_f32 : &simd::unary_f32;
  const bool cheap = op <= UnaryF32::kRound || op == UnaryF32::kRelu ||
                     op == UnaryF32::kLeakyRelu || op == UnaryF32::kHardSigmoid ||
                     op == UnaryF32::kHardSwish || op == UnaryF32::kClip;
  parallel_ranges(pool, n, cheap ? kElementwiseGrain : kTranscendentalGrain,
                  [&](int64_t b, int64_t e) { fn(op, x + b, y + b, e - b, params); });
}

void relu_f32(const float* x, float* y, int64_t n, ThreadPool* pool) {
  unary_f32(UnaryF32::kRelu, x, y, n, {}, pool);
}
void clip_f32(const float* x, float* y, int64_t n, float lo, float hi, ThreadPool* pool) {
  unary_f32(UnaryF32::kClip, x, y, n, {lo, hi}, pool);
}
void sigmoid_f32(const float* x, float* y, int64_t n, ThreadPool* pool) {
  unary_f32(UnaryF32::kSigmoid, x, y, n, {}, pool);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
