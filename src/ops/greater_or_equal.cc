// GreaterOrEqual: elementwise A >= B with broadcasting, bool output (family code in
// ops/common/compare_common.h). Since opset 12 (16: bfloat16).
#include "ops/common/compare_common.h"

namespace onyx::ops {
namespace {

class GreaterOrEqualOp final
    : public CompareBinaryOp<kernels::CompareOp::kGreaterOrEqual, types::Numeric> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GreaterOrEqual, GreaterOrEqualOp)
