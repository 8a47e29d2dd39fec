// CausalConvWithState (opset 27): causal depthwise 1-D convolution carrying K-1 steps of state.
// Inputs: input [B, C, L], weight [C, 1, K], optional bias [C], optional past_state [B, C, K-1]
// (absent = zeros). Outputs: output [B, C, L] = act(depthwise conv of concat(past_state, input)
// along L, no padding), present_state [B, C, K-1] = the last K-1 steps of that concatenation.
// Attribute activation: "none" (default), "silu" or its alias "swish".
// float32 natively; float16/bfloat16/double through float32 (kernels/conv_causal.h).
#include "kernels/conv_causal.h"
#include "ops/common/conv_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class CausalConvWithStateOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ConvTypes>();

  Status init(const InitContext& ctx) override {
    const std::string act = ctx.node().attr_string("activation", "none");
    if (act != "none" && act != "silu" && act != "swish")
      return ctx.error("activation '" + act + "' is not one of none, silu, swish");
    silu_ = act != "none";
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 4));
    ONYX_RETURN_IF_ERROR(expect_conv_dtypes(ctx, 4));
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    ctx.output(0).dtype = x.dtype;
    if (ctx.num_outputs() > 1) ctx.output(1).dtype = x.dtype;
    if (x.has_shape && x.rank() != 3) return ctx.input_error(0, "expected rank 3 [B, C, L]");
    if (w.has_shape && w.rank() != 3) return ctx.input_error(1, "expected rank 3 [C, 1, K]");
    if (w.has_shape && dim_known(w.dims[1]) && w.dims[1] != 1)
      return ctx.input_error(1, "dim 1 must be 1 (depthwise)");
    if (x.has_shape && w.has_shape && dim_known(x.dims[1]) && dim_known(w.dims[0]) &&
        x.dims[1] != w.dims[0])
      return ctx.input_error(1, "channels differ from input's");
    if (ctx.has_input(2) && ctx.input(2).has_shape && ctx.input(2).rank() != 1)
      return ctx.input_error(2, "bias must be 1-D [C]");
    const int64_t k = w.has_shape ? w.dims[2] : kUnknownDim;
    if (dim_known(k) && k < 1) return ctx.input_error(1, "kernel size must be >= 1");
    if (ctx.has_input(3) && ctx.input(3).has_shape) {
      const ValueType& p = ctx.input(3);
      if (p.rank() != 3) return ctx.input_error(3, "expected rank 3 [B, C, K-1]");
      if (dim_known(k) && dim_known(p.dims[2]) && p.dims[2] != k - 1)
        return ctx.input_error(
            3, "length " + std::to_string(p.dims[2]) + " is not K-1 = " + std::to_string(k - 1));
    }
    if (!x.has_shape) return Status::ok();
    ctx.output(0) = ValueType::tensor(x.dtype, x.dims);
    if (ctx.num_outputs() > 1)
      ctx.output(1) =
          ValueType::tensor(x.dtype, {x.dims[0], x.dims[1], dim_known(k) ? k - 1 : kUnknownDim});
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const ValueType& w = ctx.input(1);
    shape_ = {x.dims[0], x.dims[1], x.dims[2], w.dims[2]};
    const int64_t state = shape_.batch * shape_.channels * (shape_.kernel - 1);
    ScratchLayout layout;
    x_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(x.dims)));
    w_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(w.dims)));
    b_stage_ = layout.add_floats(staging_floats(x.dtype, shape_.channels));
    past_stage_ = layout.add_floats(staging_floats(x.dtype, state));
    y_stage_ = layout.add_floats(staging_floats(x.dtype, shape_numel(x.dims)));
    // present_state is always computed in scratch (it may be an unrequested output).
    present_stage_ = layout.add_floats(state);
    ctx.request_scratch(layout.bytes());
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    void* scratch = ctx.scratch();
    auto at = [&](size_t offset) { return ScratchLayout::at(scratch, offset); };
    const float* x = float32_input(ctx.input(0), at(x_stage_));
    const float* w = float32_input(ctx.input(1), at(w_stage_));
    const float* b = ctx.has_input(2) ? float32_input(ctx.input(2), at(b_stage_)) : nullptr;
    const float* past = ctx.has_input(3) ? float32_input(ctx.input(3), at(past_stage_)) : nullptr;
    float* y = float32_output(ctx.output(0), at(y_stage_));
    kernels::causal_conv_with_state(shape_, x, w, b, past, silu_, y, at(present_stage_),
                                    ctx.pool());
    finish_float32_output(at(y_stage_), ctx.output(0));
    if (ctx.has_output(1)) {
      Tensor& present = ctx.output(1);
      float* dst = float32_output(present, at(present_stage_));
      if (dst != at(present_stage_))
        std::copy(at(present_stage_), at(present_stage_) + present.numel(), dst);
      finish_float32_output(at(present_stage_), present);
    }
    return Status::ok();
  }

 private:
  bool silu_ = false;
  kernels::CausalConvShape shape_;
  size_t x_stage_ = 0, w_stage_ = 0, b_stage_ = 0, past_stage_ = 0, y_stage_ = 0,
         present_stage_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CausalConvWithState, CausalConvWithStateOp)
