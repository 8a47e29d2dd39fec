// Identity: output = input. A pure view (ops/common/view_op.h) for tensors of every element type.
// Sequences (opset 14+), optionals (opset 16+) and maps are passed through as values.
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

class IdentityOp final : public ViewOp {
 protected:
  bool passes_values() const override { return true; }
  Status output_shape(InferContext& ctx, ValueType& out) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    out.has_shape = ctx.input(0).has_shape;
    out.dims = ctx.input(0).dims;
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Identity, IdentityOp)
