// AveragePool (opsets 1-22): float32, 1-3 spatial dims, pads / auto_pad, strides,
// count_include_pad (opset 7+), ceil_mode (opset 10+), dilations (opset 19+).
#include "kernels/pool.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class AveragePoolOp final : public OpKernel {
 public:
  // Element types: float32 only (ONNX allows every float type).
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

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
  Status prepare(PrepareContext& ctx) override { return make_pool_shape(ctx, attrs_, &shape_); }
  Status run(RunContext& ctx) const override {
    kernels::average_pool(shape_, ctx.input(0).data<float>(), ctx.output(0).data<float>(),
                          count_include_pad_, ctx.pool());
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  bool count_include_pad_ = false;
  kernels::PoolShape shape_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(AveragePool, AveragePoolOp)
