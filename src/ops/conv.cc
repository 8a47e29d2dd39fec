// Conv (opsets 1-22): N-d convolution, NCHW, via kernels::ConvPlan (1-3 spatial dims). float32 is
// computed natively; float16, bfloat16 and double are converted to float32 in scratch and the
// result converted back to the input type (opset 22 added bfloat16).
// Inputs: X [N, C, spatial...], W [M, C/group, kernel...], optional B [M]. Constant W is
// pre-packed at prepare time.
//
// Also com.onyx FusedConv (opset 1), made by opt/fuse_conv_activation.cc and
// opt/fuse_conv_residual.cc:  Y = act(conv(X, W) + B + R).
//   input 3 R (optional): a residual of Y's exact shape and type, added before the activation;
//   attribute activation (optional): "Relu" | "Clip" (activation_params = [min, max]) |
//     "Sigmoid" | "HardSwish" | "SiLU" (x * sigmoid(x)); absent = none.
// Relu and Clip run in the convolution kernel's epilogue (no extra pass over Y) when there is no R;
// with R the kernel writes conv + B and one pass over Y (kernels::conv_residual_epilogue) adds R
// and applies Relu / Clip. Sigmoid, HardSwish and SiLU take one more pass over Y (in place) with
// the unary kernels the standalone ops use. Results match the unfused graph bit for bit.
#include "kernels/conv.h"
#include "kernels/unary.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

class ConvOp final : public OpKernel {
 public:
  // Element types: every float type (FusedConv: float32 only, made by the optimizer).
  static constexpr DTypeSet kElementTypes = dtype_set<ConvTypes>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    ONYX_RETURN_IF_ERROR(parse_group(ctx, &group_));
    if (ctx.node().domain != kOnyxDomain) return Status::ok();
    fused_ = true;
    std::string activation = ctx.node().attr_string("activation", "");
    std::vector<float> params = ctx.node().attr_floats("activation_params");
    if (activation.empty()) {
    } else if (activation == "Relu") {
      act_.activation = kernels::Activation::kRelu;
    } else if (activation == "Clip" && params.size() == 2) {
      act_.activation = kernels::Activation::kClip;
      act_.clip_min = params[0];
      act_.clip_max = params[1];
    } else if (activation == "Sigmoid") {
      post_op_ = kernels::UnaryF32::kSigmoid;
    } else if (activation == "HardSwish") {
      post_op_ = kernels::UnaryF32::kHardSwish;
    } else if (activation == "SiLU") {
      post_op_ = kernels::UnaryF32::kSwish;
      post_params_.alpha = 1.0f;
    } else {
      return ctx.error("unsupported fused activation '" + activation + "'");
    }
    has_post_op_ = !activation.empty() && act_.activation == kernels::Activation::kNone;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, fused_ ? 4 : 3));
    ONYX_RETURN_IF_ERROR(expect_conv_dtypes(ctx, 3));
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    ValueType& y = ctx.output(0);
    y.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
    if (w.has_shape && w.rank() != x.rank())
      return ctx.input_error(1, "rank " + std::to_string(w.rank()) + " differs from X's rank " +
                                    std::to_string(x.rank()));
    const int r = x.rank() - 2;
    std::vector<int64_t> kernel = attrs_.kernel_shape;
    if (w.has_shape) {
      std::vector<int64_t> wk(w.dims.begin() + 2, w.dims.end());
      if (kernel.empty()) kernel = wk;
      for (size_t d = 0; d < wk.size() && d < kernel.size(); ++d)
        if (dim_known(wk[d]) && wk[d] != kernel[d])
          return ctx.input_error(1, "spatial dims do not match kernel_shape");
      if (dim_known(w.dims[0]) && w.dims[0] % group_ != 0)
        return ctx.input_error(1, "output channels " + std::to_string(w.dims[0]) +
                                      " are not divisible by group " + std::to_string(group_));
      if (dim_known(x.dims[1]) && dim_known(w.dims[1]) && x.dims[1] != w.dims[1] * group_)
        return ctx.input_error(1, "has " + std::to_string(w.dims[1]) + " input channels per " +
                                      "group but X has " + std::to_string(x.dims[1]) +
                                      " channels and group is " + std::to_string(group_));
    }
    if (ctx.has_input(2) && ctx.input(2).has_shape) {
      const ValueType& b = ctx.input(2);
      if (b.rank() != 1) return ctx.input_error(2, "bias must be 1-D");
      if (w.has_shape && dim_known(b.dims[0]) && dim_known(w.dims[0]) && b.dims[0] != w.dims[0])
        return ctx.input_error(2, "bias length differs from W's output channels");
    }
    Shape dims = {x.dims[0], w.has_shape ? w.dims[0] : kUnknownDim};
    if (kernel.empty()) {  // neither W's shape nor kernel_shape: spatial sizes unknown
      dims.resize(static_cast<size_t>(x.rank()), kUnknownDim);
      y.has_shape = true;
      y.dims = dims;
      return Status::ok();
    }
    for (int64_t k : kernel)
      if (!dim_known(k)) return ctx.input_error(1, "kernel spatial dims must be known");
    WindowGeometry g;
    ONYX_RETURN_IF_ERROR(resolve_window(
        ctx, attrs_, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), kernel, &g));
    (void)r;
    dims.insert(dims.end(), g.out.begin(), g.out.end());
    y.has_shape = true;
    y.dims = dims;
    if (ctx.has_input(3)) {
      const ValueType& r = ctx.input(3);
      if (r.dtype != x.dtype) return ctx.input_error(3, "residual type differs from X's");
      if (r.has_shape && r.dims != dims)
        return ctx.input_error(3, "residual shape must equal the output's");
    }
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    const int r = x.rank() - 2;
    if (r < 1 || r > kernels::kConvMaxSpatialRank)
      return ctx.not_implemented(std::to_string(r) + "-D convolution is not supported (1-3 " +
                                 "spatial dims)");
    // Re-derive geometry (pads for SAME need the concrete sizes).
    std::vector<ValueType> outs(1);
    std::vector<const ValueType*> ins = {&x, &w};
    InferContext ictx(ctx.node(), ctx.opset(), ins, &outs);
    std::vector<int64_t> kernel(w.dims.begin() + 2, w.dims.end());
    WindowGeometry g;
    ONYX_RETURN_IF_ERROR(resolve_window(
        ictx, attrs_, std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()), kernel, &g));
    kernels::ConvShape s;
    s.batch = x.dims[0];
    s.in_channels = x.dims[1];
    s.out_channels = w.dims[0];
    s.groups = group_;
    s.spatial_rank = r;
    for (int d = 0; d < r; ++d) {
      s.in[d] = x.dims[static_cast<size_t>(d + 2)];
      s.kernel[d] = kernel[static_cast<size_t>(d)];
      s.out[d] = g.out[static_cast<size_t>(d)];
      s.stride[d] = g.strides[static_cast<size_t>(d)];
      s.dilation[d] = g.dilations[static_cast<size_t>(d)];
      s.pad_begin[d] = g.pad_begin[static_cast<size_t>(d)];
    }
    const int threads = ctx.pool() ? ctx.pool()->num_threads() : 1;
    plan_ = kernels::ConvPlan::create(s, threads);
    if (w.is_constant()) {
      std::vector<float> staged(static_cast<size_t>(staging_floats(w.dtype, w.value.numel())));
      plan_.pack_weights(float32_input(w.value, staged.data()));
      // float32 weights are not staged at run time: run() reads only the packed copy.
      if (plan_.algorithm() != kernels::ConvPlan::Algorithm::kDepthwise &&
          w.dtype == DType::kFloat32)
        ctx.consume_input(1);
    }
    ScratchLayout layout;
    plan_scratch_ = layout.add_bytes(plan_.scratch_bytes());
    x_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(x.dims)));
    w_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(w.dims)));
    b_stage_ = layout.add_floats(staging_floats(x.dtype, s.out_channels));
    y_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(ctx.output(0).dims)));
    r_stage_ = layout.add_floats(
        ctx.has_input(3) ? staging_floats(x.dtype, shape_numel(ctx.output(0).dims)) : 0);
    ctx.request_scratch(layout.bytes());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    void* scratch = ctx.scratch();
    const float* x = float32_input(ctx.input(0), ScratchLayout::at(scratch, x_stage_));
    const float* w = float32_input(ctx.input(1), ScratchLayout::at(scratch, w_stage_));
    const float* bias = ctx.has_input(2)
                            ? float32_input(ctx.input(2), ScratchLayout::at(scratch, b_stage_))
                            : nullptr;
    float* y = float32_output(ctx.output(0), ScratchLayout::at(scratch, y_stage_));
    if (!ctx.has_input(3)) {
      plan_.run(x, w, bias, y, act_, ctx.pool(), ScratchLayout::at(scratch, plan_scratch_));
    } else {  // y = conv + B, then y += R, then the activation below
      plan_.run(x, w, bias, y, {}, ctx.pool(), ScratchLayout::at(scratch, plan_scratch_));
      const float* r = float32_input(ctx.input(3), ScratchLayout::at(scratch, r_stage_));
      kernels::conv_residual_epilogue(y, r, ctx.output(0).numel(), act_, ctx.pool());
    }
    if (has_post_op_)
      kernels::unary_f32(post_op_, y, y, ctx.output(0).numel(), post_params_, ctx.pool());
    finish_float32_output(ScratchLayout::at(scratch, y_stage_), ctx.output(0));
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  int64_t group_ = 1;
  kernels::ConvPlan plan_;
  // FusedConv only: epilogue activation, or a unary applied after the kernel (has_post_op_).
  bool fused_ = false;
  kernels::ConvActivation act_;
  bool has_post_op_ = false;
  kernels::UnaryF32 post_op_ = kernels::UnaryF32::kSigmoid;
  kernels::UnaryParams post_params_;
  size_t plan_scratch_ = 0, x_stage_ = 0, w_stage_ = 0, b_stage_ = 0, y_stage_ = 0, r_stage_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Conv, ConvOp)
ONYX_DEFINE_OP(FusedConv, ConvOp)
