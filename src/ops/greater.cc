// Greater: elementwise A > B with broadcasting, bool output (family code in
// ops/common/compare_common.h). Opsets 1..6 take the legacy broadcast/axis attributes; later opsets
// only widen the element types (9: integers, 13: bfloat16).
#include "ops/common/compare_common.h"

namespace onyx::ops {
namespace {

class GreaterOp final : public CompareBinaryOp<kernels::CompareOp::kGreater, types::Numeric> {};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Greater, GreaterOp)
