// SequenceConstruct (opset 11): a sequence of its 1+ input tensors, which share one element type.
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceConstructOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1 << 20));
    ValueType seq = ValueType::sequence(ctx.input(0).dtype);
    seq.has_shape = ctx.input(0).has_shape;
    seq.dims = ctx.input(0).dims;
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      ONYX_RETURN_IF_ERROR(ctx.expect_kind(i, ValueKind::kTensor));
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
      if (ctx.input(i).dtype != seq.dtype)
        return ctx.input_error(i, std::string("element type ") + dtype_name(ctx.input(i).dtype) +
                                      " differs from input 0's " + dtype_name(seq.dtype));
      merge_element_shape(&seq, ctx.input(i));
    }
    ctx.output(0) = seq;
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    std::vector<Tensor> items;
    items.reserve(static_cast<size_t>(ctx.num_inputs()));
    for (int i = 0; i < ctx.num_inputs(); ++i) items.push_back(ctx.input(i).clone());
    ctx.output_value(0) = Value::sequence(ctx.input(0).dtype(), std::move(items));
    return Status::ok();
  }
  bool accepts_values() const override { return true; }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceConstruct, SequenceConstructOp)
