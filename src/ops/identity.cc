// Identity: output = input (tensors only here; sequences/optionals are not supported yet).
#include "ops/op.h"

namespace onyx::ops {
namespace {

class IdentityOp final : public OpKernel {
 public:
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ctx.output(0) = ctx.input(0);
    return Status::ok();
  }
  Status run(RunContext&) const override { return Status::ok(); }
  bool output_aliases_input() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Identity, IdentityOp)
