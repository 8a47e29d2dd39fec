// Size (opset 1; 13 adds bfloat16; 19/21 add more element types): the number of elements of the
// input as an int64 scalar. Inference sets the value when every dim is known.
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SizeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ValueType& out = ctx.output(0);
    out = ValueType::tensor(DType::kInt64, {});
    if (ctx.input(0).fully_known())
      out.value = Tensor::scalar<int64_t>(shape_numel(ctx.input(0).dims));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    ctx.output(0).data<int64_t>()[0] = ctx.input(0).numel();
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Size, SizeOp)
