// AveragePool (opsets 1-22): 1-3 spatial dims, pads / auto_pad, strides, count_include_pad
// (opset 7+), ceil_mode (opset 10+), dilations (opset 19+). float32 natively; float16, bfloat16
// (opset 22) and double through float32.
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class AveragePoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    count_include_pad_ = ctx.node().attr_int("count_include_pad", 0) != 0;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    if (ctx.num_outputs() > 1) return ctx.error("AveragePool has one output");
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    return infer_pool(ctx, attrs_);
  }
  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(make_pool_shape(ctx, attrs_, &shape_));
    staging_.prepare(ctx);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    staging_.run(ctx, [&](const float* x, float* y) {
      kernels::average_pool(shape_, x, y, count_include_pad_, ctx.pool());
    });
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  bool count_include_pad_ = false;
  kernels::PoolShape shape_;
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(AveragePool, AveragePoolOp)
