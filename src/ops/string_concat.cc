// StringConcat (opset 20): elementwise X + Y of two string tensors with numpy broadcasting
// (family code: ops/common/binary_common.h). Bytes are concatenated as they are (UTF-8 stays
// valid when both sides are).
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class StringConcatOp final : public BroadcastBinaryOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::String>();

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
    return DType::kString;
  }
  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    kernels::broadcast_map(plan, a.data<std::string>(), b.data<std::string>(),
                           out.data<std::string>(), ctx.pool(),
                           [](const std::string& x, const std::string& y) { return x + y; });
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(StringConcat, StringConcatOp)
