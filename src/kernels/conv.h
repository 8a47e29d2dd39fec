// Float32 N-d convolution (1-3 spatial dims), NCHW layout (N, C, spatial...), with groups,
// strides, dilations and explicit begin pads (end pads only shape the output, given by the caller).
//   y[n, g*M + m, o...] = act(bias[g*M + m] + sum_{c, k...} w[g*M + m, c, k...] *
//                             x[n, g*Cg + c, o*stride - pad_begin + k*dilation])
// out of bounds x reads as 0. M = out_channels / groups, Cg = in_channels / groups.
//
// Algorithms (picked per shape by ConvPlan::create, cost model in kernels/conv_select.h):
//   depthwise  groups == in == out channels, 2-D: direct loops, parallel over (n, c)
//   pointwise  1x1 kernel, any stride, no begin pads: x (subsampled when strided) is packed
//              straight into GEMM B panels, no patch expansion
//   winograd   2-D 3x3, stride 1, dilation 1, groups 1, enough channels and tiles, SIMD on:
//              F(4x4, 3x3) transforms + 36 batched GEMMs per block of tiles (kernels/winograd.h).
//   im2col     everything else: x patches are packed straight into GEMM B panels, chunk by chunk
//              of output pixels, and multiplied by the pre-packed weights (GEMM A panels).
// pointwise and im2col share one task split: (image, group, pixel chunk, output-channel chunk),
// with output channels split until every thread has several tasks (small spatial outputs); with
// fewer B blocks than threads each block is packed once by all threads together.
// run() allocates nothing: it uses the caller's scratch of scratch_bytes() (64-byte aligned).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/thread_pool.h"
#include "kernels/gemm.h"

namespace onyx::kernels {

constexpr int kConvMaxSpatialRank = 3;

struct ConvShape {
  int64_t batch = 1, in_channels = 0, out_channels = 0, groups = 1;
  int spatial_rank = 2;  // 1..kConvMaxSpatialRank
  // Per spatial dim (first spatial_rank entries used).
  int64_t in[kConvMaxSpatialRank] = {}, kernel[kConvMaxSpatialRank] = {},
          out[kConvMaxSpatialRank] = {}, stride[kConvMaxSpatialRank] = {},
          dilation[kConvMaxSpatialRank] = {}, pad_begin[kConvMaxSpatialRank] = {};
};

struct ConvActivation {
  Activation activation = Activation::kNone;
  float clip_min = 0.0f, clip_max = 0.0f;
};

class ConvPlan {
 public:
  enum class Algorithm { kDepthwise, kPointwise, kIm2col, kWinograd };
  // Task split of pointwise / im2col: pixel chunks of n_chunk, output-channel chunks of m_chunk.
  struct Im2colTiling {
    int64_t n_chunk = 0, n_chunks = 0, m_chunk = 0, m_chunks = 0;
  };

  // `threads`: the largest pool size run() will be called with (sizes the scratch).
  // allow_winograd = false keeps suitable 3x3 shapes on im2col (tests, benchmarks).
  static ConvPlan create(const ConvShape& shape, int threads, bool allow_winograd = true);
  // Whether `algorithm` can compute `shape` (winograd: also needs SIMD kernels on).
  static bool applicable(const ConvShape& shape, Algorithm algorithm);
  // The plan with `algorithm` forced (tests, benchmarks); im2col (always correct) when it is not
  // applicable().
  static ConvPlan create_forced(const ConvShape& shape, int threads, Algorithm algorithm);
  // Pre-packs constant weights [out_channels, in_channels/groups, kernel...]; optional (run()
  // packs into scratch otherwise). Call before scratch_bytes() to save that scratch.
  void pack_weights(const float* weights);

  Algorithm algorithm() const { return algorithm_; }
  const Im2colTiling& tiling() const { return tiling_; }  // pointwise / im2col
  const char* algorithm_name() const;
  size_t scratch_bytes() const;

  // x: [batch, in_channels, in...], y: [batch, out_channels, out...]; bias nullable.
  void run(const float* x, const float* weights, const float* bias, float* y,
           const ConvActivation& act, ThreadPool* pool, void* scratch) const;

 private:
  void run_depthwise(const float* x, const float* w, const float* bias, float* y,
                     const ConvActivation& act, ThreadPool* pool) const;
  // Group g's weight panels: pre-packed, else inside `packed_now` (packed by run()).
  PackedPanels weight_panels(int64_t group, const float* packed_now) const;
  // Packs B panels for output pixels [p0, p0 + np) of one image group (pointwise or im2col).
  void pack_b_block(const float* xg, int64_t p0, int64_t np, float* panels) const;
  void run_packed_b(const float* x, const float* packed_now, const float* bias, float* y,
                    const ConvActivation& act, ThreadPool* pool, float* scratch) const;
  int64_t packed_weight_floats() const;  // all groups
  bool prepacked() const { return !packed_.empty() || !winograd_weights_.empty(); }

  ConvShape s_;
  Algorithm algorithm_ = Algorithm::kIm2col;
  int threads_ = 1;
  int64_t m_ = 0, k_ = 0, pixels_ = 0;  // per group: M rows, K reduction, output pixels
  Im2colTiling tiling_;
  std::vector<PackedMatrix> packed_;     // one per group when pre-packed
  int64_t winograd_tiles_ = 0;           // kWinograd: tiles per block
  std::vector<float> winograd_weights_;  // kWinograd: transformed weights when pre-packed
};

// Writes op(B) panels for output pixels [p0, p0 + np) of image `x` (one group: Cg channels):
// row kk = (c, k...) of B holds x at each pixel's kk-th patch element, 0 outside the input.
// dst holds packed_floats(np, K, panel) floats. Exposed for tests.
void im2col_pack_panels_reference(const ConvShape& s, const float* x, int64_t channels, int64_t p0,
                                  int64_t np, int panel, float* dst);
// Same contract; contiguous / stride-2 row copies without per-element bounds checks (SIMD builds;
// force_scalar_kernels() selects the reference).
void im2col_pack_panels(const ConvShape& s, const float* x, int64_t channels, int64_t p0,
                        int64_t np, int panel, float* dst);

// Residual epilogue of a fused convolution, one pass over y (in place):
//   y[i] = act(y[i] + residual[i]),  i < n
// with Relu / Clip as the standalone ops compute them (compare + select: NaN stays NaN), so the
// result equals Add followed by the activation bit for bit. residual must not partially overlap y.
void conv_residual_epilogue(float* y, const float* residual, int64_t n, const ConvActivation& act,
                            ThreadPool* pool);

// Direct 1:1 reference (test oracle), same contract as ConvPlan::run.
void conv_reference(const ConvShape& s, const float* x, const float* w, const float* bias, float* y,
                    const ConvActivation& act);

}  // namespace onyx::kernels
