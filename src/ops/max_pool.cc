// MaxPool (opsets 1-22): 1-3 spatial dims, pads / auto_pad, strides, dilations (opset 10+),
// ceil_mode (opset 10+), optional Indices output (opset 8+) with storage_order. Element types:
// float32, double, int8, uint8 (opset 12+) natively; float16 and bfloat16 (opset 22) through
// float32 (exact: max only selects).
#include "kernels/pool.h"
#include "ops/common/conv_common.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using NativeTypes = TypeList<float, double, int8_t, uint8_t>;

class MaxPoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes =
      dtype_set<types::Concat<types::Float, TypeList<int8_t, uint8_t>>>();

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
  Status prepare(PrepareContext& ctx) override {
    ONYX_RETURN_IF_ERROR(make_pool_shape(ctx, attrs_, &shape_));
    if (!dtype_set<NativeTypes>().contains(ctx.input(0).dtype)) staging_.prepare(ctx);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    int64_t* indices = ctx.has_output(1) ? ctx.output(1).data<int64_t>() : nullptr;
    const bool native = visit_dtype<NativeTypes>(ctx.input(0).dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::max_pool<T>(shape_, ctx.input(0).data<T>(), ctx.output(0).data<T>(), indices,
                           column_major_, ctx.pool());
    });
    if (!native)
      staging_.run(ctx, [&](const float* x, float* y) {
        kernels::max_pool<float>(shape_, x, y, indices, column_major_, ctx.pool());
      });
    return Status::ok();
  }

 private:
  WindowAttrs attrs_;
  bool column_major_ = false;
  kernels::PoolShape shape_;
  Float32Staging staging_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MaxPool, MaxPoolOp)
