// Identity: output = input. A pure view (ops/common/view_op.h) for tensors of every element type.
// Sequences and optionals (passed through since opsets 14 and 16) are not values onyx's IR holds
// yet: such inputs get a NotImplemented error from the view-op base.
#include "ops/common/view_op.h"

namespace onyx::ops {
namespace {

class IdentityOp final : public ViewOp {
 protected:
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
