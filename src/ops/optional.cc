// Optional (opset 15): wraps its input (a tensor or a sequence) in an optional; without an input
// it makes an empty optional of the type given by attribute `type` (a TypeProto, then required).
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class OptionalOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Attribute* a = ctx.node().attr("type");
    if (!a || a->type_protos.empty()) return Status::ok();
    const ir::TypeInfo& t = a->type_protos[0];
    if (t.kind == ir::TypeInfo::Kind::kTensor) {
      empty_.optional_of = ValueKind::kTensor;
      empty_.dtype = t.elem_type;
    } else if (t.kind == ir::TypeInfo::Kind::kSequence && t.inner &&
               t.inner->kind == ir::TypeInfo::Kind::kTensor) {
      empty_.optional_of = ValueKind::kSequence;
      empty_.dtype = t.inner->elem_type;
    } else {
      return ctx.not_implemented("optional of " + t.to_string() + " is not supported");
    }
    empty_.kind = ValueKind::kOptional;
    has_type_ = true;
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(0, 1));
    if (!ctx.has_input(0)) {
      if (!has_type_) return ctx.error("attribute 'type' is required when the input is omitted");
      ctx.output(0) = empty_;
      return Status::ok();
    }
    const ValueType& in = ctx.input(0);
    if (in.kind != ValueKind::kTensor && in.kind != ValueKind::kSequence)
      return ctx.input_error(0, "expected a tensor or a sequence, got " + in.type_string());
    ValueType out = in.type_only();
    out.optional_of = in.kind;
    out.kind = ValueKind::kOptional;
    ctx.output(0) = out;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    if (!ctx.has_input(0)) {
      ctx.output_value(0) = Value::none(empty_.optional_of, empty_.dtype);
      return Status::ok();
    }
    Value in = ctx.input_value(0);
    if (in.is_tensor()) in = Value(in.tensor().clone());  // may live in the arena
    ctx.output_value(0) = Value::optional(in);
    return Status::ok();
  }
  bool accepts_values() const override { return true; }

 private:
  bool has_type_ = false;
  ValueType empty_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Optional, OptionalOp)
