// Integer GEMM and convolution for the 8-bit quantized ops (MatMulInteger, QLinearMatMul,
// ConvInteger, QLinearConv): int8/uint8 operands, exact int32 accumulation.
//
//   gemm_int:    C[m, n] = sum_k (A[m, k] - a_zero[m]) * (B[k, n] - b_zero[n])
//                A is M x K (row stride lda), B is K x N (row stride ldb), C is M x N (row stride
//                ldc) int32, overwritten. a_zero has M entries, b_zero N (callers repeat a
//                per-tensor zero point). Sums wrap modulo 2^32 only beyond K ~ 2^16 (255*255*K).
//   conv_int:    y[n, g*Mg + m, o...] = sum_{c, k...} (w[g*Mg + m, c, k...] - w_zero[g*Mg + m]) *
//                                       (x[n, g*Cg + c, o*stride - pad + k*dilation] - x_zero)
//                with out-of-bounds x contributing 0 (padding holds the zero point). Shapes as
//                kernels/conv.h (1-3 spatial dims, NCHW); y is int32. Scratch: conv_int_scratch
//                elements of X's type (the im2col patch matrix of one image and group).
// A blocked scalar kernel (K in blocks, N innermost so compilers vectorize it), rows split over
// `pool` (nullable). No alignment requirement; outputs must not overlap inputs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/thread_pool.h"
#include "kernels/conv.h"

namespace onyx::kernels {

template <class TA, class TB>
void gemm_int(int64_t M, int64_t N, int64_t K, const TA* a, int64_t lda, const int32_t* a_zero,
              const TB* b, int64_t ldb, const int32_t* b_zero, int32_t* c, int64_t ldc,
              ThreadPool* pool = nullptr);

// Elements of X's type conv_int needs as scratch.
size_t conv_int_scratch(const ConvShape& s);

template <class TX, class TW>
void conv_int(const ConvShape& s, const TX* x, int32_t x_zero, const TW* w, const int32_t* w_zero,
              int32_t* y, TX* scratch, ThreadPool* pool = nullptr);

}  // namespace onyx::kernels
