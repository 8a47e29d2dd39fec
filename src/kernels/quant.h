// Linear (de)quantization loops between float32 and 8-bit integers, one scale and zero point per
// call (callers split per-axis / blocked layouts into runs that share them).
//
//   quantize:    y[i] = clamp(rint(x[i] / scale) + zero_point, T's min, T's max)
//                rint rounds half to even; x / scale is a float32 division (as ONNX's reference),
//                NaN quotients give T's min (the int32 conversion of NaN before clamping).
//   dequantize:  y[i] = float(x[i] - zero_point) * scale   (exact difference, one rounding)
// Contracts: x and y hold n elements, do not overlap, need no alignment; scale is finite and
// non-zero for quantize. The top-level functions pick the SIMD target at run time (or the scalar
// reference when force_scalar_kernels()) and split work over `pool` (nullable) for large n.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point,
                  ThreadPool* pool = nullptr);
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point,
                  ThreadPool* pool = nullptr);
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point,
                    ThreadPool* pool = nullptr);
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point,
                    ThreadPool* pool = nullptr);

// Plain scalar loops: the test oracle, single-threaded.
namespace reference {
void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point);
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point);
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point);
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point);
}  // namespace reference

// Highway SIMD for the current best target, single-threaded; ignores force_scalar_kernels().
namespace simd {
void quantize_f32(const float* x, uint8_t* y, int64_t n, float scale, int32_t zero_point);
void quantize_f32(const float* x, int8_t* y, int64_t n, float scale, int32_t zero_point);
void dequantize_f32(const uint8_t* x, float* y, int64_t n, float scale, int32_t zero_point);
void dequantize_f32(const int8_t* x, float* y, int64_t n, float scale, int32_t zero_point);
}  // namespace simd

}  // namespace onyx::kernels
