// DeformConv (opsets 19, 22): deformable 2-D convolution (kernels/deform_conv.h).
// Inputs: X [N, C, H, W], W [M, C/group, kh, kw], offset [N, offset_group*kh*kw*2, oh, ow],
// optional B [M], optional mask [N, offset_group*kh*kw, oh, ow] -> Y [N, M, oh, ow], where
// oh/ow follow Conv's rule (pads, strides, dilations; no auto_pad). Attributes: group,
// offset_group, kernel_shape (default W's), pads, strides, dilations. Opset 22 added bfloat16.
// Only 2 spatial dims (the ONNX reference defines no other). float32 natively; float16,
// bfloat16 and double through float32.
#include "kernels/deform_conv.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class DeformConvOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ConvTypes>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    if (attrs_.auto_pad != "NOTSET") return ctx.error("DeformConv has no auto_pad attribute");
    ONYX_RETURN_IF_ERROR(parse_group(ctx, &group_));
    offset_group_ = ctx.node().attr_int("offset_group", 1);
    if (offset_group_ <= 0) return ctx.error("offset_group must be positive");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 5));
    ONYX_RETURN_IF_ERROR(expect_conv_dtypes(ctx, 5));
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    ValueType& y = ctx.output(0);
    y.dtype = x.dtype;
    if (!x.has_shape || !w.has_shape) return Status::ok();
    if (x.rank() != 4)
      return ctx.not_implemented("DeformConv supports 2 spatial dims only, X has rank " +
                                 std::to_string(x.rank()));
    if (w.rank() != 4) return ctx.input_error(1, "expected rank 4 [M, C/group, kh, kw]");
    if (dim_known(x.dims[1]) && dim_known(w.dims[1]) && x.dims[1] != w.dims[1] * group_)
      return ctx.input_error(1, "input channels per group times group differ from X's channels");
    if (dim_known(w.dims[0]) && w.dims[0] % group_ != 0)
      return ctx.input_error(1, "output channels are not divisible by group");
    if (dim_known(x.dims[1]) && x.dims[1] % offset_group_ != 0)
      return ctx.input_error(0, "channels are not divisible by offset_group");
    const std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
    for (int64_t k : kernel)
      if (!dim_known(k)) return ctx.input_error(1, "kernel dims must be known");
    if (!attrs_.kernel_shape.empty() && attrs_.kernel_shape != kernel)
      return ctx.input_error(1, "spatial dims do not match kernel_shape");
    const ValueType& off = ctx.input(2);
    if (off.has_shape &&
        (off.rank() != 4 ||
         (dim_known(off.dims[1]) && off.dims[1] != offset_group_ * kernel[0] * kernel[1] * 2)))
      return ctx.input_error(2, "expected [N, offset_group*kh*kw*2, oh, ow]");
    if (ctx.has_input(4) && ctx.input(4).has_shape) {
      const ValueType& m = ctx.input(4);
      if (m.rank() != 4 ||
          (dim_known(m.dims[1]) && m.dims[1] != offset_group_ * kernel[0] * kernel[1]))
        return ctx.input_error(4, "expected [N, offset_group*kh*kw, oh, ow]");
    }
    WindowGeometry g;
    ONYX_RETURN_IF_ERROR(resolve_window(ctx, attrs_, {x.dims[2], x.dims[3]}, kernel, &g));
    y.has_shape = true;
    y.dims = {x.dims[0], w.dims[0], g.out[0], g.out[1]};
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    const ValueType& off = ctx.input(2);
    const Shape& y = ctx.output(0).dims;
    if (off.dims[2] != y[2] || off.dims[3] != y[3] || off.dims[0] != x.dims[0])
      return ctx.error("offset's spatial dims differ from the output's");
    if (ctx.has_input(4) &&
        ctx.input(4).dims != Shape{x.dims[0], offset_group_ * w.dims[2] * w.dims[3], y[2], y[3]})
      return ctx.error("mask's shape differs from [N, offset_group*kh*kw, oh, ow]");
    std::vector<ValueType> outs(1);
    std::vector<const ValueType*> ins = {&x, &w};
    InferContext ictx(ctx.node(), ctx.opset(), ins, &outs);
    WindowGeometry g;
    ONYX_RETURN_IF_ERROR(
        resolve_window(ictx, attrs_, {x.dims[2], x.dims[3]}, {w.dims[2], w.dims[3]}, &g));
    kernels::DeformConvShape& s = shape_;
    s = {x.dims[0],    x.dims[1],      w.dims[0],      group_,         offset_group_, x.dims[2],
         x.dims[3],    w.dims[2],      w.dims[3],      y[2],           y[3],          g.strides[0],
         g.strides[1], g.dilations[0], g.dilations[1], g.pad_begin[0], g.pad_begin[1]};
    const DType t = x.dtype;
    ScratchLayout layout;
    kernel_ = layout.add_bytes(kernels::deform_conv_scratch_bytes(s));
    x_ = layout.add_floats(staging_floats(t, shape_numel(x.dims)));
    w_ = layout.add_floats(staging_floats(t, shape_numel(w.dims)));
    off_ = layout.add_floats(staging_floats(t, shape_numel(off.dims)));
    b_ = layout.add_floats(staging_floats(t, s.out_channels));
    mask_ =
        layout.add_floats(ctx.has_input(4) ? staging_floats(t, shape_numel(ctx.input(4).dims)) : 0);
    y_ = layout.add_floats(staging_floats(t, shape_numel(y)));
    ctx.request_scratch(layout.bytes());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    void* scratch = ctx.scratch();
    auto at = [&](size_t offset) { return ScratchLayout::at(scratch, offset); };
    const float* x = float32_input(ctx.input(0), at(x_));
    const float* w = float32_input(ctx.input(1), at(w_));
    const float* off = float32_input(ctx.input(2), at(off_));
    const float* b = ctx.has_input(3) ? float32_input(ctx.input(3), at(b_)) : nullptr;
    const float* mask = ctx.has_input(4) ? float32_input(ctx.input(4), at(mask_)) : nullptr;
    float* y = float32_output(ctx.output(0), at(y_));
    kernels::deform_conv(shape_, x, w, off, mask, b, y, ctx.pool(), at(kernel_));
    finish_float32_output(at(y_), ctx.output(0));
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  int64_t group_ = 1, offset_group_ = 1;
  kernels::DeformConvShape shape_;
  size_t kernel_ = 0, x_ = 0, w_ = 0, off_ = 0, b_ = 0, mask_ = 0, y_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DeformConv, DeformConvOp)
