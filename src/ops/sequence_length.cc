// SequenceLength (opset 11): the number of tensors in a sequence, as an int64 scalar.
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceLengthOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_kind(0, ValueKind::kSequence));
    ctx.output(0) = ValueType::tensor(DType::kInt64, {});
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    return ctx.set_output(
        0, Tensor::scalar<int64_t>(static_cast<int64_t>(ctx.input_value(0).items().size())));
  }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceLength, SequenceLengthOp)
