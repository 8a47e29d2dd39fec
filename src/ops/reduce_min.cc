// ReduceMin: minimum over axes; NaN propagates. Opsets 1-17: axes attribute; 18+: optional axes
// input and noop_with_empty_axes. int8/uint8 from opset 12, bool (all) from opset 20.
// Empty set: +inf for floats, the highest value for integers, true for bool.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceMinOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceExtremumTypes>();
  ReduceMinOp()
      : ReduceOp({kernels::ReduceKind::kMin, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceMin, ReduceMinOp)
