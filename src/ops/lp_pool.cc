// LpPool (opsets 2, 11, 18, 22): y = (sum of |x|^p over each window)^(1/p), 1-3 spatial dims,
// pads / auto_pad, strides; ceil_mode and dilations from opset 18; bfloat16 from 22. p is an int
// attribute (default 2; opset 1's float p is not registered). float32 natively; float16,
// bfloat16 and double through float32.
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class LpPoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    const int64_t p = ctx.node().attr_int("p", 2);
    if (p <= 0) return ctx.error("p must be positive, got " + std::to_string(p));
    p_ = static_cast<float>(p);
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    if (ctx.num_outputs() > 1) return ctx.error("LpPool has one output");
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    return infer_pool(ctx, attrs_);
  }
  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(make_pool_shape(ctx, attrs_, &shape_));
    staging_.prepare(ctx);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    staging_.run(ctx,
                 [&](const float* x, float* y) { kernels::lp_pool(shape_, x, y, p_, ctx.pool()); });
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  float p_ = 2.0f;
  kernels::PoolShape shape_;
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LpPool, LpPoolOp)
