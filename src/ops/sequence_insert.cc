// SequenceInsert (opset 11): a copy of the sequence with `tensor` inserted before `position`
// (optional int32/int64 scalar in [-n, n]; default n = append). The tensor's element type must be
// the sequence's.
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceInsertOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(1, ValueKind::kTensor));
    ONYX_RETURN_IF_ERROR(expect_position(ctx, 2));
    const ValueType& seq = ctx.input(0);
    const ValueType& t = ctx.input(1);
    if (seq.dtype != DType::kUndefined && t.dtype != seq.dtype)
      return ctx.input_error(1, std::string("element type ") + dtype_name(t.dtype) +
                                    " differs from the sequence's " + dtype_name(seq.dtype));
    ValueType out = seq.type_only();
    out.dtype = t.dtype;
    // An input sequence may be empty: its dims say nothing then, so the merge is only safe when
    // it had a shape from non-empty elements; keep it conservative.
    merge_element_shape(&out, t);
    ctx.output(0) = out;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const Value& seq = ctx.input_value(0);
    std::vector<Tensor> items = seq.items();
    int64_t p = static_cast<int64_t>(items.size());
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(sequence_position(ctx, ctx.input(2), p, true, &p));
    items.insert(items.begin() + p, ctx.input(1).clone());
    ctx.output_value(0) = Value::sequence(ctx.input(1).dtype(), std::move(items));
    return Status::ok();
  }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceInsert, SequenceInsertOp)
