// Element-type conversion kernels for the float formats Cast moves most: float32 <-> float16.
//
// Contracts: src and dst hold n elements and must not overlap. float16 values are IEEE binary16
// bit patterns (uint16_t). float32 -> float16 rounds to nearest even, overflows to +-inf and
// produces float16 subnormals exactly; NaN stays NaN (payload bits may differ between SIMD and
// reference); float16 -> float32 is exact. No alignment requirement.
// The top-level functions pick the SIMD target at run time (or the scalar reference when
// force_scalar_kernels()) and split work over `pool` (nullable) for large n.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

void f32_to_f16(const float* src, uint16_t* dst, int64_t n, ThreadPool* pool = nullptr);
void f16_to_f32(const uint16_t* src, float* dst, int64_t n, ThreadPool* pool = nullptr);

// Plain scalar reference (base/half.h conversions): the test oracle, single-threaded.
namespace reference {
void f32_to_f16(const float* src, uint16_t* dst, int64_t n);
void f16_to_f32(const uint16_t* src, float* dst, int64_t n);
}  // namespace reference

// Highway SIMD for the current best target, single-threaded; ignores force_scalar_kernels().
// Targets without hardware float16 conversion (SSSE3/SSE4, emulated) use the reference loop.
namespace simd {
void f32_to_f16(const float* src, uint16_t* dst, int64_t n);
void f16_to_f32(const uint16_t* src, float* dst, int64_t n);
}  // namespace simd

}  // namespace onyx::kernels
