// ConvTranspose (opsets 1, 11, 22): N-d transposed convolution, 1-3 spatial dims, NCHW.
// Inputs: X [N, C, in...], W [C, M/group, kernel...], optional B [M] -> Y [N, M, out...].
// Attributes: kernel_shape (default W's), strides, dilations, group, pads, auto_pad,
// output_padding (extra size at the end of each spatial dim), output_shape (spatial; pads are then
// derived from it). Per spatial dim, with full = stride*(in-1) + output_padding +
// (kernel-1)*dilation + 1:
//   output_shape given (and pads not): out = output_shape, total = full - out;
//   auto_pad SAME_UPPER / SAME_LOWER:  out = in * stride,  total = full - out;
//   then pad_begin = total - floor(total/2) (SAME_UPPER: floor(total/2)), pad_end = the rest.
//   otherwise: out = full - pad_begin - pad_end (VALID: no pads).
// A negative total pads the result with bias-only positions at the ends.
// Opset changes: 11 made the output_shape/auto_pad rule above explicit; 22 added bfloat16.
// float32 is computed natively, float16/bfloat16/double through float32 (kernels/conv_transpose.h).
#include "kernels/conv_transpose.h"
#include "ops/common/conv_common.h"
#include "ops/common/dim_expr.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// floor(a / 2) for any sign.
int64_t floor_half(int64_t a) {
  return a >= 0 ? a / 2 : -((-a + 1) / 2);
}

class ConvTransposeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ConvTypes>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    ONYX_RETURN_IF_ERROR(parse_group(ctx, &group_));
    output_padding_ = ctx.node().attr_ints("output_padding");
    output_shape_ = ctx.node().attr_ints("output_shape");
    for (int64_t v : output_padding_)
      if (v < 0) return ctx.error("output_padding entries must be non-negative");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(expect_conv_dtypes(ctx, 3));
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    ValueType& y = ctx.output(0);
    y.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
    Shape dims = {x.dims[0], kUnknownDim};
    if (w.has_shape) {
      if (w.rank() != x.rank()) return ctx.input_error(1, "rank differs from X's rank");
      if (dim_known(w.dims[0]) && dim_known(x.dims[1]) && w.dims[0] != x.dims[1])
        return ctx.input_error(1, "has " + std::to_string(w.dims[0]) + " input channels but X " +
                                      "has " + std::to_string(x.dims[1]));
      if (dim_known(w.dims[0]) && w.dims[0] % group_ != 0)
        return ctx.input_error(
            1, "input channels are not divisible by group " + std::to_string(group_));
      if (dim_known(w.dims[1])) dims[1] = w.dims[1] * group_;
    }
    if (ctx.has_input(2) && ctx.input(2).has_shape) {
      const ValueType& b = ctx.input(2);
      if (b.rank() != 1) return ctx.input_error(2, "bias must be 1-D");
      if (dim_known(b.dims[0]) && dim_known(dims[1]) && b.dims[0] != dims[1])
        return ctx.input_error(2, "bias length differs from the output channels");
    }
    Geometry g;
    ONYX_RETURN_IF_ERROR(resolve(ctx, x, w, &g));
    dims.insert(dims.end(), g.out.begin(), g.out.end());
    y.has_shape = true;
    y.dims = dims;
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    const int r = x.rank() - 2;
    if (r < 1 || r > kernels::kConvMaxSpatialRank)
      return ctx.not_implemented(std::to_string(r) +
                                 "-D transposed convolution is not supported (1-3 spatial dims)");
    std::vector<ValueType> outs(1);
    std::vector<const ValueType*> ins = {&x, &w};
    InferContext ictx(ctx.node(), ctx.opset(), ins, &outs);
    Geometry g;
    ONYX_RETURN_IF_ERROR(resolve(ictx, x, w, &g));
    kernels::ConvShape& s = shape_;
    s.batch = x.dims[0];
    s.in_channels = x.dims[1];
    s.out_channels = w.dims[1] * group_;
    s.groups = group_;
    s.spatial_rank = r;
    for (int d = 0; d < r; ++d) {
      const size_t i = static_cast<size_t>(d);
      s.in[d] = x.dims[i + 2];
      s.kernel[d] = w.dims[i + 2];
      s.out[d] = g.out[i];
      s.stride[d] = g.strides[i];
      s.dilation[d] = g.dilations[i];
      s.pad_begin[d] = g.pad_begin[i];
    }
    int64_t y_numel = s.batch * s.out_channels;
    for (int d = 0; d < r; ++d) y_numel *= s.out[d];
    ScratchLayout layout;
    kernel_scratch_ = layout.add_bytes(kernels::conv_transpose_scratch_bytes(s));
    x_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(x.dims)));
    w_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(w.dims)));
    b_stage_ = layout.add_floats(staging_floats(x.dtype, s.out_channels));
    y_stage_ = layout.add_floats(staging_floats(x.dtype, y_numel));
    ctx.request_scratch(layout.bytes());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    void* scratch = ctx.scratch();
    const float* x = float32_input(ctx.input(0), ScratchLayout::at(scratch, x_stage_));
    const float* w = float32_input(ctx.input(1), ScratchLayout::at(scratch, w_stage_));
    const float* b = ctx.has_input(2)
                         ? float32_input(ctx.input(2), ScratchLayout::at(scratch, b_stage_))
                         : nullptr;
    float* y = float32_output(ctx.output(0), ScratchLayout::at(scratch, y_stage_));
    kernels::conv_transpose(shape_, x, w, b, y, ctx.pool(),
                            ScratchLayout::at(scratch, kernel_scratch_));
    finish_float32_output(ScratchLayout::at(scratch, y_stage_), ctx.output(0));
    return Status::ok();
  }

 private:
  struct Geometry {
    std::vector<int64_t> strides, dilations, pad_begin, out;
  };

  // Output sizes and begin pads from the attributes (see the file comment); unknown input dims
  // give unknown output dims.
  Status resolve(const InferContext& ctx, const ValueType& x, const ValueType& w,
                 Geometry* g) const {
    const size_t r = static_cast<size_t>(x.rank() - 2);
    std::vector<int64_t> kernel = attrs_.kernel_shape;
    if (w.has_shape) {
      const std::vector<int64_t> wk(w.dims.begin() + 2, w.dims.end());
      if (kernel.empty()) kernel = wk;
      for (size_t d = 0; d < wk.size() && d < kernel.size(); ++d)
        if (dim_known(wk[d]) && wk[d] != kernel[d])
          return ctx.input_error(1, "spatial dims do not match kernel_shape");
    }
    auto check = [&](const std::vector<int64_t>& v, size_t want, const char* what) -> Status {
      if (!v.empty() && v.size() != want)
        return ctx.input_error(0, std::string(what) + " has " + std::to_string(v.size()) +
                                      " entries but X has " + std::to_string(r) + " spatial dims");
      return Status::ok();
    };
    ONYX_RETURN_IF_ERROR(check(kernel, r, "kernel_shape"));
    ONYX_RETURN_IF_ERROR(check(attrs_.strides, r, "strides"));
    ONYX_RETURN_IF_ERROR(check(attrs_.dilations, r, "dilations"));
    ONYX_RETURN_IF_ERROR(check(attrs_.pads, 2 * r, "pads"));
    ONYX_RETURN_IF_ERROR(check(output_padding_, r, "output_padding"));
    std::vector<int64_t> output_shape = output_shape_;
    if (output_shape.size() == r + 2)
      output_shape.erase(output_shape.begin(), output_shape.begin() + 2);
    ONYX_RETURN_IF_ERROR(check(output_shape, r, "output_shape"));
    g->strides = attrs_.strides.empty() ? std::vector<int64_t>(r, 1) : attrs_.strides;
    g->dilations = attrs_.dilations.empty() ? std::vector<int64_t>(r, 1) : attrs_.dilations;
    g->pad_begin.assign(r, 0);
    g->out.assign(r, kUnknownDim);
    const bool same = attrs_.auto_pad == "SAME_UPPER" || attrs_.auto_pad == "SAME_LOWER";
    const bool explicit_pads = attrs_.auto_pad == "NOTSET" && !attrs_.pads.empty();
    for (size_t d = 0; d < r; ++d) {
      const int64_t in = x.dims[d + 2];
      if (kernel.empty() || !dim_known(kernel[d])) continue;
      const int64_t s = g->strides[d];
      if (!dim_known(in)) {  // symbolic: output_shape, in*s (SAME) or the full formula
        const int64_t extra = (output_padding_.empty() ? 0 : output_padding_[d]) +
                              (kernel[d] - 1) * g->dilations[d] + 1 - s -
                              (explicit_pads ? attrs_.pads[d] + attrs_.pads[d + r] : 0);
        g->out[d] = !output_shape.empty() ? output_shape[d]
                    : same                ? dim_mul(in, s)
                    : extra >= 0          ? dim_add(dim_mul(in, s), extra)
                                          : dim_sub(dim_mul(in, s), -extra);
        continue;
      }
      const int64_t full = s * (in - 1) + (output_padding_.empty() ? 0 : output_padding_[d]) +
                           (kernel[d] - 1) * g->dilations[d] + 1;
      int64_t out = 0;
      if (!output_shape.empty() && explicit_pads) {
        out = output_shape[d];
        g->pad_begin[d] = attrs_.pads[d];
      } else if (!output_shape.empty() || same) {
        out = output_shape.empty() ? in * s : output_shape[d];
        const int64_t total = full - out;
        g->pad_begin[d] =
            attrs_.auto_pad == "SAME_UPPER" ? floor_half(total) : total - floor_half(total);
      } else {
        if (explicit_pads) g->pad_begin[d] = attrs_.pads[d];
        out = full - (explicit_pads ? attrs_.pads[d] + attrs_.pads[d + r] : 0);
      }
      if (out <= 0)
        return ctx.input_error(
            0, "spatial dim " + std::to_string(d) + " gives output size " + std::to_string(out));
      g->out[d] = out;
    }
    return Status::ok();
  }

  WindowAttrs attrs_;
  int64_t group_ = 1;
  std::vector<int64_t> output_padding_, output_shape_;
  kernels::ConvShape shape_;
  size_t kernel_scratch_ = 0, x_stage_ = 0, w_stage_ = 0, b_stage_ = 0, y_stage_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ConvTranspose, ConvTransposeOp)
