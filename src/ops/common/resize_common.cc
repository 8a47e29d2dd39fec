#include "ops/common/resize_common.h"

#include <algorithm>
#include <cmath>

#include "kernels/dispatch.h"
#include "ops/common/dim_expr.h"
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"

namespace onyx::ops {

using kernels::ResizeCoord;
using kernels::ResizeMode;
using kernels::ResizeNearest;

Status parse_resize_attrs(const InitContext& ctx, ResizeAttrs* a) {
  const ir::Node& n = ctx.node();
  const std::string mode = n.attr_string("mode", "nearest");
  if (mode == "nearest")
    a->mode = ResizeMode::kNearest;
  else if (mode == "linear" || (ctx.opset() < 11 && mode == "bilinear"))
    a->mode = ResizeMode::kLinear;
  else if (mode == "cubic" && ctx.opset() >= 11)
    a->mode = ResizeMode::kCubic;
  else
    return ctx.error("attribute mode \"" + mode + "\" is not supported");
  if (ctx.opset() < 11) {  // Resize-10: asymmetric coordinates, no other attributes
    a->coord = ResizeCoord::kAsymmetric;
    a->nearest = ResizeNearest::kSimple;
    return Status::ok();
  }
  const std::string coord = n.attr_string("coordinate_transformation_mode", "half_pixel");
  if (coord == "half_pixel")
    a->coord = ResizeCoord::kHalfPixel;
  else if (coord == "half_pixel_symmetric" && ctx.opset() >= 19)
    a->coord = ResizeCoord::kHalfPixelSymmetric;
  else if (coord == "pytorch_half_pixel")
    a->coord = ResizeCoord::kPytorchHalfPixel;
  else if (coord == "align_corners")
    a->coord = ResizeCoord::kAlignCorners;
  else if (coord == "asymmetric")
    a->coord = ResizeCoord::kAsymmetric;
  else if (coord == "tf_half_pixel_for_nn" && ctx.opset() < 13)  // removed in opset 13
    a->coord = ResizeCoord::kTfHalfPixelForNn;
  else if (coord == "tf_crop_and_resize")
    a->coord = ResizeCoord::kTfCropAndResize;
  else
    return ctx.error("coordinate_transformation_mode \"" + coord + "\" is not supported");
  const std::string nearest = n.attr_string("nearest_mode", "round_prefer_floor");
  if (nearest == "round_prefer_floor")
    a->nearest = ResizeNearest::kRoundPreferFloor;
  else if (nearest == "round_prefer_ceil")
    a->nearest = ResizeNearest::kRoundPreferCeil;
  else if (nearest == "floor")
    a->nearest = ResizeNearest::kFloor;
  else if (nearest == "ceil")
    a->nearest = ResizeNearest::kCeil;
  else
    return ctx.error("nearest_mode \"" + nearest + "\" is not supported");
  a->cubic_a = n.attr_float("cubic_coeff_a", -0.75f);
  a->exclude_outside = n.attr_int("exclude_outside", 0) != 0;
  a->extrapolation = n.attr_float("extrapolation_value", 0.0f);
  if (ctx.opset() >= 18) {  // antialias, axes, keep_aspect_ratio_policy added
    a->antialias = n.attr_int("antialias", 0) != 0;
    if (a->antialias && a->mode == ResizeMode::kNearest) a->antialias = false;  // no effect
    a->axes = n.attr_ints("axes");
    const std::string keep = n.attr_string("keep_aspect_ratio_policy", "stretch");
    if (keep == "stretch")
      a->keep_aspect = KeepAspectRatio::kStretch;
    else if (keep == "not_larger")
      a->keep_aspect = KeepAspectRatio::kNotLarger;
    else if (keep == "not_smaller")
      a->keep_aspect = KeepAspectRatio::kNotSmaller;
    else
      return ctx.error("keep_aspect_ratio_policy \"" + keep + "\" is not supported");
  }
  return Status::ok();
}

std::string resize_geometry(std::span<const int64_t> in, const ResizeAttrs& attrs,
                            const std::vector<double>* scales, const std::vector<int64_t>* sizes,
                            const std::vector<double>* roi, ResizeGeometry* geo) {
  const auto rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> axes = attrs.axes;
  if (axes.empty())
    for (int64_t i = 0; i < rank; ++i) axes.push_back(i);
  else if (std::string msg = normalize_axes(&axes, rank); !msg.empty())
    return msg;
  const size_t na = axes.size();
  if ((scales == nullptr) == (sizes == nullptr))
    return "exactly one of scales and sizes must be given";
  if (scales && scales->size() != na)
    return "scales has " + std::to_string(scales->size()) + " entries, expected " +
           std::to_string(na);
  if (sizes && sizes->size() != na)
    return "sizes has " + std::to_string(sizes->size()) + " entries, expected " +
           std::to_string(na);
  geo->out.assign(in.begin(), in.end());
  geo->scale.assign(in.size(), 1.0);
  geo->roi_start.assign(in.size(), 0.0);
  geo->roi_end.assign(in.size(), 1.0);
  if (roi && !roi->empty()) {
    if (roi->size() != 2 * na)
      return "roi has " + std::to_string(roi->size()) + " entries, expected " +
             std::to_string(2 * na);
    for (size_t i = 0; i < na; ++i) {
      geo->roi_start[static_cast<size_t>(axes[i])] = (*roi)[i];
      geo->roi_end[static_cast<size_t>(axes[i])] = (*roi)[na + i];
    }
  }
  if (scales) {
    for (size_t i = 0; i < na; ++i) {
      const double s = (*scales)[i];
      if (!(s > 0)) return "scales must be positive, got " + std::to_string(s);
      const auto a = static_cast<size_t>(axes[i]);
      geo->scale[a] = s;
      geo->out[a] = static_cast<int64_t>(std::floor(s * static_cast<double>(in[a])));
    }
    return "";
  }
  for (size_t i = 0; i < na; ++i) {
    const int64_t s = (*sizes)[i];
    if (s < 0) return "sizes must be non-negative, got " + std::to_string(s);
    const auto a = static_cast<size_t>(axes[i]);
    if (in[a] == 0) return "cannot resize an axis of size 0 to a given size";
    geo->out[a] = s;
    geo->scale[a] = static_cast<double>(s) / static_cast<double>(in[a]);
  }
  if (attrs.keep_aspect != KeepAspectRatio::kStretch) {
    double s = geo->scale[static_cast<size_t>(axes[0])];
    for (int64_t a : axes)
      s = attrs.keep_aspect == KeepAspectRatio::kNotLarger
              ? std::min(s, geo->scale[static_cast<size_t>(a)])
              : std::max(s, geo->scale[static_cast<size_t>(a)]);
    for (int64_t a : axes) {
      const auto u = static_cast<size_t>(a);
      geo->scale[u] = s;
      geo->out[u] = static_cast<int64_t>(s * static_cast<double>(in[u]) + 0.5);  // round half up
    }
  }
  return "";
}

std::vector<double> float_values(const Tensor& t) {
  std::vector<double> v(static_cast<size_t>(t.numel()));
  visit_dtype<types::Float>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < t.numel(); ++i)
      v[static_cast<size_t>(i)] = static_cast<double>(widen(t.data<T>()[i]));
  });
  return v;
}

Status infer_resize(InferContext& ctx, const ResizeAttrs& attrs,
                    const std::optional<std::vector<double>>& scales,
                    const std::optional<std::vector<int64_t>>& sizes,
                    const std::optional<std::vector<double>>& roi, bool dynamic) {
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kResizeAnyTypes));
  if (!dtype_set<ResizeTypes>().contains(ctx.input(0).dtype) &&
      (attrs.mode != ResizeMode::kNearest || attrs.coord == ResizeCoord::kTfCropAndResize))
    return ctx.not_implemented("element type " + std::string(dtype_name(ctx.input(0).dtype)) +
                               " is resized only in nearest mode without tf_crop_and_resize "
                               "(interpolated types: " +
                               dtype_set<ResizeTypes>().names() + ")");
  const ValueType& x = ctx.input(0);
  ctx.output(0) = x.type_only();
  ctx.output(0).value = Tensor();
  if (!x.has_shape) return Status::ok();
  std::vector<int64_t> axes = attrs.axes;
  if (axes.empty())
    for (int64_t a = 0; a < x.rank(); ++a) axes.push_back(a);
  else if (std::string msg = normalize_axes(&axes, x.rank()); !msg.empty())
    return ctx.error(msg);
  if (!dynamic && !scales && !sizes) return ctx.error("one of scales and sizes must be given");
  if (!dynamic && x.fully_known()) {
    ResizeGeometry geo;
    const std::string msg = resize_geometry(x.dims, attrs, scales ? &*scales : nullptr,
                                            sizes ? &*sizes : nullptr, roi ? &*roi : nullptr, &geo);
    if (!msg.empty()) return ctx.error(msg);
    ctx.output(0).dims = geo.out;
    return Status::ok();
  }
  // Partly known: a resized axis gets its size (stretch), floor(scale * dim) for a known dim,
  // keeps its dim (symbolic too) under scale 1, and is unknown otherwise.
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t& dim = ctx.output(0).dims[static_cast<size_t>(axes[k])];
    if (sizes && k < sizes->size() && (*sizes)[k] < 0)
      return ctx.error("sizes must be non-negative, got " + std::to_string((*sizes)[k]));
    if (sizes && k < sizes->size() && attrs.keep_aspect == KeepAspectRatio::kStretch)
      dim = (*sizes)[k];
    else if (scales && k < scales->size() && (*scales)[k] == 1.0)
      continue;
    else if (scales && k < scales->size() && dim_known(dim))
      dim = static_cast<int64_t>(std::floor((*scales)[k] * static_cast<double>(dim)));
    else if (scales && k < scales->size() && (*scales)[k] >= 1 &&
             (*scales)[k] == std::floor((*scales)[k]))
      dim = dim_mul(dim, static_cast<int64_t>((*scales)[k]));  // integer upscale: 2*h
    else
      dim = kUnknownDim;
  }
  return Status::ok();
}

std::string plan_resize(std::span<const int64_t> in, const ResizeAttrs& attrs,
                        const std::vector<double>* scales, const std::vector<int64_t>* sizes,
                        const std::vector<double>* roi, ResizePlan* plan) {
  ResizeGeometry& geo = plan->geometry;
  const std::string msg = resize_geometry(in, attrs, scales, sizes, roi, &geo);
  if (!msg.empty()) return msg;
  for (size_t a = 0; a < geo.out.size(); ++a)
    if (in[a] == 0 && geo.out[a] > 0)
      return "cannot resize an empty axis " + std::to_string(a) + " to size " +
             std::to_string(geo.out[a]);
  plan->tables.clear();
  for (size_t a = 0; a < geo.out.size(); ++a) {
    kernels::ResizeAxisParams p;
    p.mode = attrs.mode;
    p.coord = attrs.coord;
    p.nearest = attrs.nearest;
    p.cubic_a = attrs.cubic_a;
    p.exclude_outside = attrs.exclude_outside;
    p.antialias = attrs.antialias;
    p.in = in[a];
    p.out = geo.out[a];
    p.scale = geo.scale[a];
    p.roi_start = geo.roi_start[a];
    p.roi_end = geo.roi_end[a];
    plan->tables.push_back(kernels::make_resize_axis(p));
  }
  plan->ready = true;
  return "";
}

Status run_resize(RunContext& ctx, const ResizeAttrs& attrs, const std::vector<double>* scales,
                  const std::vector<int64_t>* sizes, const std::vector<double>* roi) {
  ResizePlan plan;
  const std::string msg = plan_resize(ctx.input(0).shape(), attrs, scales, sizes, roi, &plan);
  if (!msg.empty()) return ctx.error(msg);
  return run_resize_plan(ctx, attrs, plan);
}

Status run_resize_plan(RunContext& ctx, const ResizeAttrs& attrs, const ResizePlan& plan) {
  const Tensor& x = ctx.input(0);
  const std::vector<kernels::ResizeAxis>& tables = plan.tables;
  Tensor& y = output_of_shape(ctx, 0, x.dtype(), plan.geometry.out);
  if (y.numel() == 0) return Status::ok();
  if (x.dtype() == DType::kFloat32 && kernels::simd_kernels_enabled() &&
      kernels::resize_2d_f32_applies(tables)) {
    const size_t r = tables.size();
    kernels::resize_2d_f32(x.data<float>(), y.data<float>(),
                           x.numel() / (tables[r - 2].in * tables[r - 1].in), tables[r - 2],
                           tables[r - 1], ctx.pool());
    return Status::ok();
  }
  if (kernels::resize_is_gather(tables)) {  // nearest: exact element copies, any type
    const bool moved = visit_storage(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      kernels::resize_gather<S>(static_cast<const S*>(x.raw_data()), static_cast<S*>(y.raw_data()),
                                tables);
    });
    if (moved) return Status::ok();
  }
  const bool ok = visit_dtype<ResizeTypes>(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    kernels::resize_reference<T>(x.data<T>(), y.data<T>(), tables, attrs.extrapolation);
  });
  if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), dtype_set<ResizeTypes>()));
  return Status::ok();
}

}  // namespace onyx::ops
