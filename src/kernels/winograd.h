// Winograd F(4x4, 3x3) float32 convolution for 2-D, 3x3, stride 1, dilation 1, groups 1 (NCHW),
// any pads. Interpolation points 0, +-1, +-2, inf (Lavin & Gray): per 4x4 output tile,
//   Y = A^T [ sum_c (G g_{m,c} G^T) .* (B^T d_c B) ] A
// with d_c the 6x6 input patch (zero outside the input) and g the 3x3 kernel.
// The 36 element-wise products become 36 GEMMs  M_p[Cout x T] = U_p[Cout x Cin] * V_p[Cin x T]
// over blocks of T tiles (U_p pre-packed as GEMM A panels, V_p written as GEMM B panels).
// Numerics: float32 transforms; errors ~1e-6 relative to the output scale for unit-scale data
// (about 10x the direct method's rounding, from the +-2 / 1/24 transform coefficients).
//
// Used by ConvPlan (algorithm kWinograd); only on SIMD targets (never when force_scalar_kernels()).
#pragma once

#include <cstdint>

#include "base/thread_pool.h"
#include "kernels/conv.h"

namespace onyx::kernels {

constexpr int kWinogradPoints = 36;  // 6x6 transform points
constexpr int kWinogradTile = 4;     // output tile edge

// Shape qualifies: 2-D, 3x3 kernel, stride 1, dilation 1, groups 1, in and out channels at least
// the measured break-even channel count; false when SIMD kernels are off.
bool winograd_suitable(const ConvShape& s);

// Tiles per block (a multiple of the GEMM panel width nr): one thread's unit of work.
int64_t winograd_tiles_per_block(const ConvShape& s);

// Floats of the transformed, packed weights (36 packed A matrices, each 16-float aligned).
int64_t winograd_weight_floats(int64_t out_channels, int64_t in_channels);
// w: [out_channels, in_channels, 3, 3] -> dst (winograd_weight_floats() floats).
void winograd_transform_weights(const float* w, int64_t out_channels, int64_t in_channels,
                                float* dst);

// Scratch floats run needs with up to `threads` concurrent blocks.
int64_t winograd_scratch_floats(const ConvShape& s, int64_t tiles_per_block, int threads);

// y = act(conv(x, w) + bias) with `packed_w` from winograd_transform_weights; bias nullable.
// `threads` caps the concurrent blocks (the plan's thread count, which sized the scratch).
void winograd_run(const ConvShape& s, int64_t tiles_per_block, const float* packed_w,
                  const float* x, const float* bias, float* y, const ConvActivation& act,
                  ThreadPool* pool, int threads, float* scratch);

}  // namespace onyx::kernels
