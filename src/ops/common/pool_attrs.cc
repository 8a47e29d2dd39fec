#include "ops/common/pool_attrs.h"
#include "ops/common/dim_expr.h"

#include <algorithm>

namespace onyx::ops {

Status parse_window_attrs(const InitContext& ctx, WindowAttrs* out) {
  const ir::Node& node = ctx.node();
  out->kernel_shape = node.attr_ints("kernel_shape");
  out->strides = node.attr_ints("strides");
  out->dilations = node.attr_ints("dilations");
  out->pads = node.attr_ints("pads");
  out->auto_pad = node.attr_string("auto_pad", "NOTSET");
  out->ceil_mode = node.attr_int("ceil_mode", 0) != 0;
  if (out->auto_pad != "NOTSET" && out->auto_pad != "SAME_UPPER" && out->auto_pad != "SAME_LOWER" &&
      out->auto_pad != "VALID")
    return ctx.error("auto_pad '" + out->auto_pad + "' is not one of NOTSET, SAME_UPPER, " +
                     "SAME_LOWER, VALID");
  for (int64_t v : out->kernel_shape)
    if (v <= 0) return ctx.error("kernel_shape entries must be positive");
  for (int64_t v : out->strides)
    if (v <= 0) return ctx.error("strides entries must be positive");
  for (int64_t v : out->dilations)
    if (v <= 0) return ctx.error("dilations entries must be positive");
  for (int64_t v : out->pads)
    if (v < 0) return ctx.error("pads entries must be non-negative");
  return Status::ok();
}

Status resolve_window(const InferContext& ctx, const WindowAttrs& attrs,
                      const std::vector<int64_t>& in_spatial, const std::vector<int64_t>& kernel,
                      WindowGeometry* g) {
  const size_t r = in_spatial.size();
  auto rank_error = [&](const char* what, size_t got, size_t want) {
    return ctx.input_error(0, std::string(what) + " has " + std::to_string(got) +
                                  " entries but the input has " + std::to_string(r) +
                                  " spatial dims (expected " + std::to_string(want) + ")");
  };
  if (kernel.size() != r) return rank_error("kernel_shape", kernel.size(), r);
  if (!attrs.strides.empty() && attrs.strides.size() != r)
    return rank_error("strides", attrs.strides.size(), r);
  if (!attrs.dilations.empty() && attrs.dilations.size() != r)
    return rank_error("dilations", attrs.dilations.size(), r);
  if (!attrs.pads.empty() && attrs.pads.size() != 2 * r)
    return rank_error("pads", attrs.pads.size(), 2 * r);
  g->kernel = kernel;
  g->strides = attrs.strides.empty() ? std::vector<int64_t>(r, 1) : attrs.strides;
  g->dilations = attrs.dilations.empty() ? std::vector<int64_t>(r, 1) : attrs.dilations;
  g->pad_begin.assign(r, 0);
  g->pad_end.assign(r, 0);
  g->out.assign(r, kUnknownDim);
  for (size_t d = 0; d < r; ++d) {
    const int64_t in = in_spatial[d], s = g->strides[d];
    const int64_t span = (kernel[d] - 1) * g->dilations[d] + 1;
    if (attrs.auto_pad == "SAME_UPPER" || attrs.auto_pad == "SAME_LOWER") {
      if (!dim_known(in)) {  // pads depend on the input size, the output size does not
        g->out[d] = dim_ceildiv(in, s);
        continue;
      }
      const int64_t out = (in + s - 1) / s;
      const int64_t total = std::max<int64_t>(0, (out - 1) * s + span - in);
      const int64_t small = total / 2;
      g->pad_begin[d] = attrs.auto_pad == "SAME_UPPER" ? small : total - small;
      g->pad_end[d] = total - g->pad_begin[d];
      g->out[d] = out;
      continue;
    }
    if (attrs.auto_pad == "NOTSET" && !attrs.pads.empty()) {
      g->pad_begin[d] = attrs.pads[d];
      g->pad_end[d] = attrs.pads[d + r];
    }
    if (!dim_known(in)) {
      // floor((in + pads - span) / s) + 1; ceil_mode's last-window rule needs in's value.
      if (!attrs.ceil_mode)
        g->out[d] = dim_add(
            dim_floordiv(dim_sub(dim_add(in, g->pad_begin[d] + g->pad_end[d]), span), s), 1);
      continue;
    }
    const int64_t padded = in + g->pad_begin[d] + g->pad_end[d];
    if (padded < span)
      return ctx.input_error(0, "spatial dim " + std::to_string(d) + " (size " +
                                    std::to_string(in) + " with pads) is smaller than the " +
                                    "dilated kernel (" + std::to_string(span) + ")");
    int64_t out = attrs.ceil_mode ? (padded - span + s - 1) / s + 1 : (padded - span) / s + 1;
    // ceil_mode: the last window must start inside the input or its begin padding.
    if (attrs.ceil_mode && (out - 1) * s >= in + g->pad_begin[d]) --out;
    g->out[d] = out;
  }
  return Status::ok();
}

}  // namespace onyx::ops

#include "kernels/pool.h"

namespace onyx::ops {

Status infer_pool(InferContext& ctx, const WindowAttrs& attrs) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  if (attrs.kernel_shape.empty()) return ctx.error("required attribute kernel_shape is missing");
  const ValueType& x = ctx.input(0);
  ValueType& y = ctx.output(0);
  y.dtype = x.dtype;
  if (ctx.num_outputs() > 1) ctx.output(1).dtype = DType::kInt64;
  if (!x.has_shape) return Status::ok();
  if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
  WindowGeometry g;
  ONYX_RETURN_IF_ERROR(resolve_window(
      ctx, attrs, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), attrs.kernel_shape, &g));
  Shape dims = {x.dims[0], x.dims[1]};
  dims.insert(dims.end(), g.out.begin(), g.out.end());
  y.has_shape = true;
  y.dims = dims;
  if (ctx.num_outputs() > 1) ctx.output(1) = ValueType::tensor(DType::kInt64, dims);
  return Status::ok();
}

Status infer_global_pool(InferContext& ctx) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  const ValueType& x = ctx.input(0);
  ValueType& y = ctx.output(0);
  y.dtype = x.dtype;
  if (!x.has_shape) return Status::ok();
  if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
  Shape dims(x.dims.size(), 1);
  dims[0] = x.dims[0];
  dims[1] = x.dims[1];
  y.has_shape = true;
  y.dims = dims;
  return Status::ok();
}

Status make_pool_shape(const PrepareContext& ctx, const WindowAttrs& attrs, kernels::PoolShape* s) {
  const ValueType& x = ctx.input(0);
  const int r = x.rank() - 2;
  if (r > kernels::kPoolMaxSpatialRank)
    return ctx.not_implemented(std::to_string(r) + "-D pooling is not supported (1-3 dims)");
  std::vector<ValueType> outs(static_cast<size_t>(ctx.num_outputs()));
  std::vector<const ValueType*> ins = {&x};
  InferContext ictx(ctx.node(), ctx.opset(), ins, &outs);
  WindowGeometry g;
  ONYX_RETURN_IF_ERROR(resolve_window(
      ictx, attrs, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), attrs.kernel_shape, &g));
  s->batch = x.dims[0];
  s->channels = x.dims[1];
  s->spatial_rank = r;
  for (int d = 0; d < r; ++d) {
    const size_t i = static_cast<size_t>(d);
    s->in[d] = x.dims[i + 2];
    s->kernel[d] = g.kernel[i];
    s->out[d] = g.out[i];
    s->stride[d] = g.strides[i];
    s->dilation[d] = g.dilations[i];
    s->pad_begin[d] = g.pad_begin[i];
    s->pad_end[d] = g.pad_end[i];
  }
  return Status::ok();
}

}  // namespace onyx::ops
