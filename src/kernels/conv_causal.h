// Causal depthwise 1-D convolution with a carried state (ONNX CausalConvWithState), float32.
// Per (b, c), with padded = concat(past[b, c, 0..K-1), x[b, c, 0..L)) (past nullable = zeros):
//   y[b, c, t]       = act(bias[c] + sum_{j<K} w[c, j] * padded[t + j])      t in [0, L)
//   present[b, c, i] = padded[L + i]                                          i in [0, K-1)
// act: identity, or SiLU v * sigmoid(v) when `silu`. w: [C, 1, K]; bias nullable.
// Parallel over (b, c) rows on `pool` (nullable). y must not alias x or past.
#pragma once

#include <cstdint>

#include "base/thread_pool.h"

namespace onyx::kernels {

struct CausalConvShape {
  int64_t batch = 0, channels = 0, length = 0, kernel = 1;
};

void causal_conv_with_state(const CausalConvShape& s, const float* x, const float* w,
                            const float* bias, const float* past, bool silu, float* y,
                            float* present, ThreadPool* pool);

}  // namespace onyx::kernels
