// SequenceAt (opset 11): the tensor at `position` (int32/int64 scalar; negative counts from the
// back) of a sequence. Out-of-range positions are run-time errors.
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceAtOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    ONYX_RETURN_IF_ERROR(expect_position(ctx, 1));
    ValueType t = ctx.input(0).type_only();
    t.kind = ValueKind::kTensor;
    ctx.output(0) = t;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    const std::vector<Tensor>& items = ctx.input_value(0).items();
    int64_t p = 0;
    ONYX_RETURN_IF_ERROR(
        sequence_position(ctx, ctx.input(1), static_cast<int64_t>(items.size()), false, &p));
    return ctx.set_output(0, items[static_cast<size_t>(p)]);
  }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceAt, SequenceAtOp)
