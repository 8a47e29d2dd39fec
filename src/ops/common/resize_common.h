// Family code of Resize (opsets 10-19) and Upsample (7, 9): attribute parsing, the output
// geometry (sizes from scales or scales from sizes, with axes and keep_aspect_ratio_policy), shape
// inference and the run step over kernels/resize.h.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernels/resize.h"
#include "ops/op.h"

namespace onyx::ops {

// Element types the resize kernels interpolate (linear, cubic, tf_crop_and_resize extrapolation).
using ResizeTypes = TypeList<float, double, Float16, BFloat16, int8_t, uint8_t>;
// Every type ONNX allows (T1: all tensor types but complex, float8 and 4-bit here): nearest
// resampling without extrapolation copies elements exactly, whatever their type.
inline constexpr DTypeSet kResizeAnyTypes = dtype_set<types::All>();

enum class KeepAspectRatio { kStretch, kNotLarger, kNotSmaller };

struct ResizeAttrs {
  kernels::ResizeMode mode = kernels::ResizeMode::kNearest;
  kernels::ResizeCoord coord = kernels::ResizeCoord::kHalfPixel;
  kernels::ResizeNearest nearest = kernels::ResizeNearest::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  bool antialias = false;
  double extrapolation = 0.0;
  std::vector<int64_t> axes;  // as given (may be negative); empty = every axis
  KeepAspectRatio keep_aspect = KeepAspectRatio::kStretch;
};

// Parses a Resize node's attributes for its opset (10: mode only, asymmetric, "simple" nearest).
Status parse_resize_attrs(const InitContext& ctx, ResizeAttrs* attrs);

// Output dims, per-axis scales (as the coordinate transform uses them) and normalized roi.
struct ResizeGeometry {
  Shape out;
  std::vector<double> scale, roi_start, roi_end;
};

// Computes the geometry of input dims `in` (all known) from exactly one of `scales` / `sizes`
// (one entry per resized axis) and an optional roi (2 entries per resized axis: starts then ends).
// Returns "" or an error message.
std::string resize_geometry(std::span<const int64_t> in, const ResizeAttrs& attrs,
                            const std::vector<double>* scales, const std::vector<int64_t>* sizes,
                            const std::vector<double>* roi, ResizeGeometry* geo);

// Float contents of a float/double/float16/bfloat16 tensor.
std::vector<double> float_values(const Tensor& t);

// Inference for both ops: output 0 of x's dtype; dims when x's shape and the scales/sizes are
// known (`scales`/`sizes` null when absent or not constant; `dynamic` when one is present but
// not constant).
Status infer_resize(InferContext& ctx, const ResizeAttrs& attrs,
                    const std::optional<std::vector<double>>& scales,
                    const std::optional<std::vector<int64_t>>& sizes,
                    const std::optional<std::vector<double>>& roi, bool dynamic);

// Geometry and per-axis tables for one concrete input shape: built in prepare() when the
// scales/sizes/roi are plan-time constants, else in run().
struct ResizePlan {
  bool ready = false;
  ResizeGeometry geometry;
  std::vector<kernels::ResizeAxis> tables;
};
// Fills *plan for input dims `in`; returns "" or an error message.
std::string plan_resize(std::span<const int64_t> in, const ResizeAttrs& attrs,
                        const std::vector<double>* scales, const std::vector<int64_t>* sizes,
                        const std::vector<double>* roi, ResizePlan* plan);
// Resamples input 0 into output 0 with a ready plan for its shape.
Status run_resize_plan(RunContext& ctx, const ResizeAttrs& attrs, const ResizePlan& plan);
// plan_resize + run_resize_plan.
Status run_resize(RunContext& ctx, const ResizeAttrs& attrs, const std::vector<double>* scales,
                  const std::vector<int64_t>* sizes, const std::vector<double>* roi);

}  // namespace onyx::ops
