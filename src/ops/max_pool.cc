// MaxPool (opsets 1-22): float32, 1-3 spatial dims, pads / auto_pad, strides, dilations (opset
// 10+), ceil_mode (opset 10+), optional Indices output (opset 8+) with storage_order.
#include "kernels/pool.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class MaxPoolOp final : public OpKernel {
 public:
  // Element types: float32 only (ONNX allows every float type and, from opset 12, int8/uint8).
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    const int64_t order = ctx.node().attr_int("storage_order", 0);
    if (order != 0 && order != 1) return ctx.error("storage_order must be 0 or 1");
    column_major_ = order == 1;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    return infer_pool(ctx, attrs_);
  }
  Status prepare(PrepareContext& ctx) override { return make_pool_shape(ctx, attrs_, &shape_); }
  Status run(RunContext& ctx) const override {
    int64_t* indices = ctx.has_output(1) ? ctx.output(1).data<int64_t>() : nullptr;
    kernels::max_pool(shape_, ctx.input(0).data<float>(), ctx.output(0).data<float>(), indices,
                      column_major_, ctx.pool());
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  bool column_major_ = false;
  kernels::PoolShape shape_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MaxPool, MaxPoolOp)
