// SequenceEmpty (opset 11): an empty sequence of tensors of element type `dtype` (default float).
#include "ops/common/sequence_common.h"

namespace onyx::ops {
namespace {

class SequenceEmptyOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SequenceElementTypes>();

  Status init(const InitContext& ctx) override {
    dtype_ =
        static_cast<DType>(ctx.node().attr_int("dtype", static_cast<int64_t>(DType::kFloat32)));
    if (!kElementTypes.contains(dtype_))
      return ctx.error("dtype " + std::to_string(static_cast<int>(dtype_)) +
                       " is not a tensor element type");
    return Status::ok();
  }
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(0, 0));
    ctx.output(0) = ValueType::sequence(dtype_);
    return Status::ok();
  }
  Status run(RunContext& ctx) const override {
    ctx.output_value(0) = Value::sequence(dtype_, {});
    return Status::ok();
  }

 private:
  DType dtype_ = DType::kFloat32;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SequenceEmpty, SequenceEmptyOp)
