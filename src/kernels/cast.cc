// float32 <-> float16 conversion: scalar reference, Highway SIMD per target, threaded entry points.
#include "kernels/cast.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/cast.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include "base/half.h"
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Hardware conversions round to nearest even; Highway's emulation on the older x86 targets and
// the portable ones is not guaranteed to, so those targets keep the reference loop.
constexpr bool kNativeF16 = !(HWY_TARGET == HWY_SSE4 || HWY_TARGET == HWY_SSSE3 ||
                              HWY_TARGET == HWY_EMU128 || HWY_TARGET == HWY_SCALAR);

void F32ToF16(const float* src, uint16_t* dst, int64_t n) {
  int64_t i = 0;
  if constexpr (kNativeF16) {
    const hn::ScalableTag<float> df;
    const hn::Rebind<hwy::float16_t, decltype(df)> dh;
    const int64_t lanes = static_cast<int64_t>(hn::Lanes(df));
    auto* out = reinterpret_cast<hwy::float16_t*>(dst);
    for (; i + lanes <= n; i += lanes)
      hn::StoreU(hn::DemoteTo(dh, hn::LoadU(df, src + i)), dh, out + i);
  }
  for (; i < n; ++i) dst[i] = float_to_half(src[i]);
}

void F16ToF32(const uint16_t* src, float* dst, int64_t n) {
  int64_t i = 0;
  if constexpr (kNativeF16) {
    const hn::ScalableTag<float> df;
    const hn::Rebind<hwy::float16_t, decltype(df)> dh;
    const int64_t lanes = static_cast<int64_t>(hn::Lanes(df));
    const auto* in = reinterpret_cast<const hwy::float16_t*>(src);
    for (; i + lanes <= n; i += lanes)
      hn::StoreU(hn::PromoteTo(df, hn::LoadU(dh, in + i)), df, dst + i);
  }
  for (; i < n; ++i) dst[i] = half_to_float(src[i]);
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(F32ToF16);
HWY_EXPORT(F16ToF32);

namespace reference {
void f32_to_f16(const float* src, uint16_t* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = float_to_half(src[i]);
}
void f16_to_f32(const uint16_t* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = half_to_float(src[i]);
}
}  // namespace reference

namespace simd {
void f32_to_f16(const float* src, uint16_t* dst, int64_t n) {
  HWY_DYNAMIC_DISPATCH(F32ToF16)(src, dst, n);
}
void f16_to_f32(const uint16_t* src, float* dst, int64_t n) {
  HWY_DYNAMIC_DISPATCH(F16ToF32)(src, dst, n);
}
}  // namespace simd

void f32_to_f16(const float* src, uint16_t* dst, int64_t n, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::f32_to_f16 : &simd::f32_to_f16;
  parallel_ranges(pool, n, kElementwiseGrain,
                  [&](int64_t b, int64_t e) { fn(src + b, dst + b, e - b); });
}

void f16_to_f32(const uint16_t* src, float* dst, int64_t n, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? &reference::f16_to_f32 : &simd::f16_to_f32;
  parallel_ranges(pool, n, kElementwiseGrain,
                  [&](int64_t b, int64_t e) { fn(src + b, dst + b, e - b); });
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
