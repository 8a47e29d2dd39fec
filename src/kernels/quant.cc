// float32 <-> int8/uint8 linear quantization: scalar reference, Highway SIMD per target, threaded
// entry points.
#include "kernels/quant.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/quant.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
// Must follow foreach_target.h.
#include <algorithm>
#include <cmath>
#include <limits>

#include "hwy/highway.h"

namespace onyx::kernels::detail {
#ifndef ONYX_KERNELS_QUANT_SCALAR_ONCE
#define ONYX_KERNELS_QUANT_SCALAR_ONCE
// One element: the reference and the SIMD tails share it.
template <class T>
inline T quantize_one(float x, float scale, int32_t zero_point) {
  const float q = std::nearbyint(x / scale);  // default rounding mode: half to even
  // Beyond +-2^30 the clamp below saturates anyway; NaN maps to T's min like int32(NaN).
  int64_t v = std::isnan(q) ? std::numeric_limits<int32_t>::min()
                            : static_cast<int64_t>(std::clamp(q, -1073741824.0f, 1073741824.0f));
  v += zero_point;
  v = std::clamp<int64_t>(v, std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  return static_cast<T>(v);
}
#endif
}  // namespace onyx::kernels::detail

HWY_BEFORE_NAMESPACE();
namespace onyx::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

template <class T>
void QuantizeF32(const float* x, T* y, int64_t n, float scale, int32_t zero_point) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const hn::Rebind<T, decltype(df)> dq;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(df));
  const auto vscale = hn::Set(df, scale);
  const auto vlimit = hn::Set(df, 1073741824.0f);
  const auto vzp = hn::Set(di, zero_point);
  const auto vlo = hn::Set(di, static_cast<int32_t>(std::numeric_limits<T>::min()));
  const auto vhi = hn::Set(di, static_cast<int32_t>(std::numeric_limits<T>::max()));
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto q = hn::Round(hn::Div(hn::LoadU(df, x + i), vscale));
    const auto nan = hn::IsNaN(q);
    auto v = hn::ConvertTo(di, hn::Min(hn::Max(q, hn::Neg(vlimit)), vlimit));
    v = hn::Add(v, vzp);
    v = hn::IfThenElse(hn::RebindMask(di, nan), vlo, hn::Min(hn::Max(v, vlo), vhi));
    hn::StoreU(hn::DemoteTo(dq, v), dq, y + i);
  }
  for (; i < n; ++i) y[i] = detail::quantize_one<T>(x[i], scale, zero_point);
}

template <class T>
void DequantizeF32(const T* x, float* y, int64_t n, float scale, int32_t zero_point) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const hn::Rebind<T, decltype(df)> dq;
  const int64_t lanes = static_cast<int64_t>(hn::Lanes(df));
  const auto vscale = hn::Set(df, scale);
  const auto vzp = hn::Set(di, zero_point);
  int64_t i = 0;
  for (; i + lanes <= n; i += lanes) {
    const auto v = hn::Sub(hn::PromoteTo(di, hn::LoadU(dq, x + i)), vzp);
    hn::StoreU(hn::Mul(hn::ConvertTo(df, v), vscale), df, y + i);
  }
  for (; i < n; ++i) y[i] = static_cast<float>(static_cast<int32_t>(x[i]) - zero_point) * scale;
}

void QuantizeF32U8(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point) {
  QuantizeF32(x, y, n, scale, zero_point);
}
void QuantizeF32S8(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point) {
  QuantizeF32(x, y, n, scale, zero_point);
}
void DequantizeU8F32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  DequantizeF32(x, y, n, scale, zero_point);
}
void DequantizeS8F32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  DequantizeF32(x, y, n, scale, zero_point);
}

}  // namespace onyx::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "base/cpu.h"
#include "kernels/elementwise_parallel.h"

namespace onyx::kernels {

HWY_EXPORT(QuantizeF32U8);
HWY_EXPORT(QuantizeF32S8);
HWY_EXPORT(DequantizeU8F32);
HWY_EXPORT(DequantizeS8F32);

namespace reference {
namespace {
template <class T>
void quantize(const float* x, T* y, int64_t n, float scale, int32_t zero_point) {
  for (int64_t i = 0; i < n; ++i) y[i] = detail::quantize_one<T>(x[i], scale, zero_point);
}
template <class T>
void dequantize(const T* x, float* y, int64_t n, float scale, int32_t zero_point) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = static_cast<float>(static_cast<int32_t>(x[i]) - zero_point) * scale;
}
}  // namespace
void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point) {
  quantize(x, y, n, scale, zero_point);
}
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point) {
  quantize(x, y, n, scale, zero_point);
}
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  dequantize(x, y, n, scale, zero_point);
}
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  dequantize(x, y, n, scale, zero_point);
}
}  // namespace reference

namespace simd {
void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point) {
  HWY_DYNAMIC_DISPATCH(QuantizeF32U8)(x, y, n, scale, zero_point);
}
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point) {
  HWY_DYNAMIC_DISPATCH(QuantizeF32S8)(x, y, n, scale, zero_point);
}
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  HWY_DYNAMIC_DISPATCH(DequantizeU8F32)(x, y, n, scale, zero_point);
}
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point) {
  HWY_DYNAMIC_DISPATCH(DequantizeS8F32)(x, y, n, scale, zero_point);
}
}  // namespace simd

namespace {
template <class In, class Out>
void run_split(void (*ref)(const In*, Out*, int64_t, float, int32_t),
               void (*vec)(const In*, Out*, int64_t, float, int32_t), const In* x, Out* y,
               int64_t n, float scale, int32_t zero_point, ThreadPool* pool) {
  auto* fn = force_scalar_kernels() ? ref : vec;
  parallel_ranges(pool, n, kElementwiseGrain,
                  [&](int64_t b, int64_t e) { fn(x + b, y + b, e - b, scale, zero_point); });
}
}  // namespace

void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point,
                  ThreadPool* pool) {
  run_split<float, uint8_t>(&reference::quantize_f32, &simd::quantize_f32, x, y, n, scale,
                            zero_point, pool);
}
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point,
                  ThreadPool* pool) {
  run_split<float, int8_t>(&reference::quantize_f32, &simd::quantize_f32, x, y, n, scale,
                           zero_point, pool);
}
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point,
                    ThreadPool* pool) {
  run_split<uint8_t, float>(&reference::dequantize_f32, &simd::dequantize_f32, x, y, n, scale,
                            zero_point, pool);
}
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point,
                    ThreadPool* pool) {
  run_split<int8_t, float>(&reference::dequantize_f32, &simd::dequantize_f32, x, y, n, scale,
                           zero_point, pool);
}

}  // namespace onyx::kernels
#endif  // HWY_ONCE
