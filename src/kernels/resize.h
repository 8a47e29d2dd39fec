// Separable N-d resampling (ONNX Resize / Upsample) over dense row-major arrays.
//
// Each axis gets a ResizeAxis table built once from the op's attributes: output position o reads
// `taps` input positions index[o * taps + t] (already clamped into [0, in), i.e. edge padding) with
// weights weight[o * taps + t]; outside[o] != 0 makes the whole output line the extrapolation
// value (tf_crop_and_resize sampling outside [0, in - 1]).
//
// resize_reference applies the tables one axis at a time, last axis first (the order of ONNX's
// reference, which matters only for extrapolation), accumulating in double for double data and
// in float otherwise. Integer outputs round to nearest and saturate. resize_2d_f32 (Highway,
// resize_simd.cc) is the fused fast path for float32 when only the last two axes change and both
// use nearest (1 tap) or linear (2 taps) tables without extrapolation; it must agree with the
// reference to float rounding (callers use the reference under ONYX_ISA=scalar).
// `x` and `y` must not overlap. `pool` may be null.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/half.h"
#include "base/thread_pool.h"

namespace onyx::kernels {

enum class ResizeMode { kNearest, kLinear, kCubic };

// How an output coordinate maps to an input coordinate (ONNX coordinate_transformation_mode).
enum class ResizeCoord {
  kHalfPixel,
  kHalfPixelSymmetric,
  kPytorchHalfPixel,
  kAlignCorners,
  kAsymmetric,
  kTfHalfPixelForNn,
  kTfCropAndResize,
};

// Rounding of the input coordinate in nearest mode. kSimple: floor when upsampling, ceil when
// downsampling (Resize-10 and Upsample, as onnxruntime).
enum class ResizeNearest { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil, kSimple };

struct ResizeAxisParams {
  ResizeMode mode = ResizeMode::kNearest;
  ResizeCoord coord = ResizeCoord::kHalfPixel;
  ResizeNearest nearest = ResizeNearest::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  bool antialias = false;  // linear/cubic only; widens the kernel by 1/scale when scale < 1
  int64_t in = 1, out = 1;
  double scale = 1.0;  // out / in as used by the coordinate transform (may differ from out / in)
  double roi_start = 0.0, roi_end = 1.0;  // tf_crop_and_resize, normalized
};

struct ResizeAxis {
  int64_t in = 1, out = 1, taps = 1;
  std::vector<int64_t> index;    // out * taps, in [0, in)
  std::vector<double> weight;    // out * taps
  std::vector<uint8_t> outside;  // out
  bool has_outside = false;
  // True when the table maps every output position to the same input position with weight 1.
  bool identity() const;
};

ResizeAxis make_resize_axis(const ResizeAxisParams& p);

// y (dims axes[i].out) = resampled x (dims axes[i].in).
template <class T>
void resize_reference(const T* x, T* y, std::span<const ResizeAxis> axes, double extrapolation);

// Nearest-only tables (taps 1) without extrapolation: y gathers x's elements, any element type
// moved as its storage S (uint8_t/uint16_t/uint32_t/uint64_t or std::string), exactly.
bool resize_is_gather(std::span<const ResizeAxis> axes);
template <class S>
void resize_gather(const S* x, S* y, std::span<const ResizeAxis> axes);

// Fast path: x is [planes, axes[0].in, axes[1].in], y is [planes, axes[0].out, axes[1].out];
// both tables have taps 1 or 2 and no outside positions.
void resize_2d_f32(const float* x, float* y, int64_t planes, const ResizeAxis& ay,
                   const ResizeAxis& ax, ThreadPool* pool);
bool resize_2d_f32_applies(std::span<const ResizeAxis> axes);

}  // namespace onyx::kernels
