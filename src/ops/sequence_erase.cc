// SequenceErase (opset 11): a copy of the sequence without the tensor at `position` (optional
// int32/int64 scalar in [-n, n-1]; default -1 = the last).
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceEraseOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    ONYX_RETURN_IF_ERROR(expect_position(ctx, 1));
    ctx.output(0) = ctx.input(0).type_only();
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const Value& seq = ctx.input_value(0);
    std::vector<Tensor> items = seq.items();
    const int64_t n = static_cast<int64_t>(items.size());
    int64_t p = n - 1;
    if (ctx.has_input(1)) ONYX_RETURN_IF_ERROR(sequence_position(ctx, ctx.input(1), n, false, &p));
    if (n == 0) return ctx.error("cannot erase from an empty sequence");
    items.erase(items.begin() + p);
    ctx.output_value(0) = Value::sequence(seq.elem_type(), std::move(items));
    return Status::ok();
  }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceErase, SequenceEraseOp)
