// Per-target Highway float32 building blocks for the transcendental kernels (unary, softmax):
// include after hwy/highway.h, inside the foreach_target re-inclusion. Cheaper than hwy's
// general functions because each one states the narrower domain its callers guarantee.

// Per-target include guard, toggled by foreach_target.h.
#if defined(ONYX_KERNELS_UNARY_MATH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef ONYX_KERNELS_UNARY_MATH_INL_H_
#undef ONYX_KERNELS_UNARY_MATH_INL_H_
#else
#define ONYX_KERNELS_UNARY_MATH_INL_H_
#endif

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// e^r for |r| <= ln2 / 2 + rounding: 1 + r + r^2 q(r), q of degree 5 (hwy's coefficients) in
// Estrin form.
template <class D>
HWY_INLINE hn::Vec<D> ExpReduced(D d, hn::Vec<D> r) {
  const auto r2 = hn::Mul(r, r), r4 = hn::Mul(r2, r2);
  const auto q01 = hn::MulAdd(hn::Set(d, 0.166666671633720397949219f), r, hn::Set(d, 0.5f));
  const auto q23 = hn::MulAdd(hn::Set(d, 0.00833336077630519866943359f), r,
                              hn::Set(d, 0.0416664853692054748535156f));
  const auto q45 = hn::MulAdd(hn::Set(d, 0.000198527617612853646278381f), r,
                              hn::Set(d, 0.00139304355252534151077271f));
  const auto q = hn::MulAdd(q45, r4, hn::MulAdd(q23, r2, q01));
  return hn::Add(hn::MulAdd(q, r2, r), hn::Set(d, 1.0f));
}

// 1.5 * 2^23 + 127: adding it to a / ln2 rounds to an integer n, held in the low mantissa bits as
// n + 127 (the biased exponent of 2^n) while |n| < 2^22.
constexpr float kExpMagic = 12583039.0f;

// Returns e^r (r = a - n ln2, Cody-Waite two-part reduction) and sets k = a / ln2 + kExpMagic.
template <class D>
HWY_INLINE hn::Vec<D> ExpReduce(D d, hn::Vec<D> a, hn::Vec<D>& k) {
  const auto magic = hn::Set(d, kExpMagic);
  k = hn::MulAdd(a, hn::Set(d, 1.44269504088896341f), magic);
  const auto n = hn::Sub(k, magic);
  auto r = hn::MulAdd(n, hn::Set(d, -0.693145751953125f), a);
  r = hn::MulAdd(n, hn::Set(d, -1.428606765330187045e-6f), r);
  return ExpReduced(d, r);
}

// e^a for a <= 88 (the caller guarantees it; larger a gives garbage, not inf), subnormal results
// flushed: 0 below a = -87.3 (e^a < 2^-126), so -inf gives 0; NaN gives NaN. For callers whose
// result is scaled by at most ~1 (softmax, erfc). Relative error <= 2 ulp on normal results.
template <class D>
HWY_INLINE hn::Vec<D> ExpNoOverflowFtz(D d, hn::Vec<D> a) {
  const hn::RebindToSigned<D> di;
  hn::Vec<D> k;
  const auto p = ExpReduce(d, a, k);
  const auto scale = hn::BitCast(d, hn::ShiftLeft<23>(hn::BitCast(di, k)));  // 2^n
  return hn::IfThenZeroElse(hn::Lt(a, hn::Set(d, -87.3f)), hn::Mul(p, scale));
}

// e^a for a <= 88 as above, but with subnormal results (down to 2^-149; 0 below a = -104), for
// callers that scale the result up again (x * sigmoid(x)). 2^n is applied as two normal factors.
template <class D>
HWY_INLINE hn::Vec<D> ExpNoOverflow(D d, hn::Vec<D> a) {
  const hn::RebindToSigned<D> di;
  hn::Vec<D> k;
  const auto p = ExpReduce(d, a, k);
  const auto n = hn::Sub(hn::BitCast(di, k), hn::BitCast(di, hn::Set(d, kExpMagic)));
  const auto n1 = hn::ShiftRight<1>(n), bias = hn::Set(di, 127);
  const auto s1 = hn::BitCast(d, hn::ShiftLeft<23>(hn::Add(n1, bias)));
  const auto s2 = hn::BitCast(d, hn::ShiftLeft<23>(hn::Add(hn::Sub(n, n1), bias)));
  return hn::IfThenZeroElse(hn::Lt(a, hn::Set(d, -104.0f)), hn::Mul(hn::Mul(p, s1), s2));
}

// 1 / x for finite x with |x| in [2^-126, 2^126] (callers: denominators bounded away from 0 and
// inf): hardware estimate refined by one Newton step, relative error <= ~2^-22.
template <class D>
HWY_INLINE hn::Vec<D> ReciprocalFinite(D d, hn::Vec<D> x) {
  const auto t = hn::ApproximateReciprocal(x);
  return hn::Mul(t, hn::NegMulAdd(x, t, hn::Set(d, 2.0f)));
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // ONYX_KERNELS_UNARY_MATH_INL_H_
