// OptionalGetElement: the value an optional holds (a run-time error when it is empty).
//   opset 15: the input is an optional
//   opset 18: a tensor or sequence input is returned as is
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class OptionalGetElementOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    opset18_ = ctx.opset() >= 18;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    if (!opset18_) ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kOptional));
    const ValueType& in = ctx.input(0);
    ValueType out = in.type_only();
    if (in.kind == ValueKind::kOptional) out.kind = in.optional_of;
    if (out.kind != ValueKind::kTensor && out.kind != ValueKind::kSequence)
      return ctx.input_error(
          0, "expected an optional, a tensor or a sequence, got " + in.type_string());
    out.optional_of = ValueKind::kTensor;
    ctx.output(0) = out;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const Value& in = ctx.input_value(0);
    Value content = in;
    if (in.kind() == ValueKind::kOptional) {
      if (!in.has_value()) return ctx.error("the optional input holds no value");
      content = in.contained();
    }
    // A tensor input may live in the arena: the output gets its own copy.
    if (content.is_tensor()) return ctx.set_output(0, content.tensor().clone());
    ctx.output_value(0) = content;
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  bool opset18_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(OptionalGetElement, OptionalGetElementOp)
