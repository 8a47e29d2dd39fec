// Float32 N-d convolution (1-3 spatial dims), NCHW layout (N, C, spatial...), with groups,
// strides, dilations and explicit begin pads (end pads only shape the output, given by the caller).
//   y[n, g*M + m, o...] = act(bias[g*M + m] + sum_{c, k...} w[g*M + m, c, k...] *
//                             x[n, g*Cg + c, o*stride - pad_begin + k*dilation])
// out of bounds x reads as 0. M = out_channels / groups, Cg = in_channels / groups.
//
// Algorithms (picked by ConvPlan::create):
//   depthwise  groups == in == out channels, 2-D: direct loops, parallel over (n, c)
//   pointwise  1x1 kernel, stride 1, no pads: GEMM on x directly (no im2col)
//   winograd   2-D 3x3, stride 1, dilation 1, groups 1, enough channels, SIMD on: F(4x4, 3x3)
//              transforms + 36 batched GEMMs per block of tiles (kernels/winograd.h).
//   im2col     everything else: x patches are packed straight into GEMM B panels, chunk by chunk
//              of output pixels, and multiplied by the pre-packed weights (GEMM A panels).
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

  // `threads`: the largest pool size run() will be called with (sizes the scratch).
  // allow_winograd = false keeps suitable 3x3 shapes on im2col (tests, benchmarks).
  static ConvPlan create(const ConvShape& shape, int threads, bool allow_winograd = true);
  // Pre-packs constant weights [out_channels, in_channels/groups, kernel...]; optional (run()
  // packs into scratch otherwise). Call before scratch_bytes() to save that scratch.
  void pack_weights(const float* weights);

  Algorithm algorithm() const { return algorithm_; }
  const char* algorithm_name() const;
  size_t scratch_bytes() const;

  // x: [batch, in_channels, in...], y: [batch, out_channels, out...]; bias nullable.
  void run(const float* x, const float* weights, const float* bias, float* y,
           const ConvActivation& act, ThreadPool* pool, void* scratch) const;

 private:
  struct Im2colTiling {
    int64_t n_chunk = 0, n_chunks = 0, m_chunk = 0, m_chunks = 0;
  };
  void run_depthwise(const float* x, const float* w, const float* bias, float* y,
                     const ConvActivation& act, ThreadPool* pool) const;
  // Group g's weight panels: pre-packed, else inside `packed_now` (packed by run()).
  PackedPanels weight_panels(int64_t group, const float* packed_now) const;
  void run_pointwise(const float* x, const float* packed_now, const float* bias, float* y,
                     const ConvActivation& act, ThreadPool* pool, float* scratch) const;
  void run_im2col(const float* x, const float* packed_now, const float* bias, float* y,
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
