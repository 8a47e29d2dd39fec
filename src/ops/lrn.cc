// LRN (opsets 1, 13): local response normalization across channels (kernels/pool.h lrn),
// X [N, C, spatial...] (rank >= 3) -> same shape. Attributes: size (required, positive), alpha
// (1e-4), beta (0.75), bias (1.0). Opset 13 added bfloat16. float32 natively; float16, bfloat16
// and double through float32.
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class LrnOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    params_.size = node.attr_int("size", 0);
    if (params_.size <= 0) return ctx.error("attribute size is required and must be positive");
    params_.alpha = node.attr_float("alpha", 1e-4f);
    params_.beta = node.attr_float("beta", 0.75f);
    params_.bias = node.attr_float("bias", 1.0f);
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape && x.rank() < 3)
      return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
    ctx.output(0) = x.type_only();
    return Status::ok();
  }
  Status prepare(PrepareContext& ctx) override {
    staging_.prepare(ctx);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t n = x.dim(0), c = x.dim(1);
    const int64_t plane = n * c > 0 ? x.numel() / (n * c) : 0;
    staging_.run(ctx, [&](const float* xf, float* yf) {
      kernels::lrn(n, c, plane, params_, xf, yf, ctx.pool());
    });
    return Status::ok();
  }

 private:
  kernels::LrnParams params_;
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LRN, LrnOp)
