// OptionalHasElement: a bool scalar, true when the input holds a value.
//   opset 15: the input is an optional
//   opset 18: the input may also be a tensor or a sequence (always true), or omitted (false)
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class OptionalHasElementOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    opset18_ = ctx.opset() >= 18;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(opset18_ ? 0 : 1, 1));
    if (!opset18_) ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kOptional));
    ctx.output(0) = ValueType::tensor(DType::kBool, {});
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    bool has = false;
    if (ctx.has_input(0)) {
      const Value& v = ctx.input_value(0);
      has = v.kind() == ValueKind::kOptional ? v.has_value() : v.defined();
    }
    return ctx.set_output(0, Tensor::scalar<bool>(has));
  }
  bool accepts_values() const override { return true; }

 private:
  bool opset18_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(OptionalHasElement, OptionalHasElementOp)
