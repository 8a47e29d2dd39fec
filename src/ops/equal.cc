// Equal: elementwise A == B with broadcasting, bool output (family code in
// ops/common/compare_common.h). Opsets 1..6 take the legacy broadcast/axis attributes. Element
// types: bool and integers (1), all numeric (11), bfloat16 (13), string (19).
#include "ops/common/compare_common.h"

namespace onyx::ops {
namespace {

class EqualOp final
    : public CompareBinaryOp<kernels::CompareOp::kEqual, types::Concat<types::Pod, types::String>> {
 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_ASSIGN_OR_RETURN(DType out, CompareBinaryOp::check_types(ctx));
    if (ctx.input(0).dtype == DType::kString && ctx.opset() < 19)
      return ctx.error("string inputs need opset 19 or later");
    return out;
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Equal, EqualOp)
