// Identity: output = input. Tensors alias their input; sequences (opset 14+) and optionals
// (opset 16+) are passed through as values.
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
  Status run(RunContext& ctx) const override {
    if (ctx.values_bound() && !ctx.input_value(0).is_tensor())
      ctx.output_value(0) = ctx.input_value(0);
    return Status::ok();
  }
  bool output_aliases_input() const override { return true; }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Identity, IdentityOp)
