// ReduceMax: maximum over axes; NaN propagates. Opsets 1-17: axes attribute; 18+: optional axes
// input and noop_with_empty_axes. int8/uint8 from opset 12, bool (any) from opset 20.
// Empty set: -inf for floats, the lowest value for integers, false for bool.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceMaxOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceExtremumTypes>();
  ReduceMaxOp()
      : ReduceOp({kernels::ReduceKind::kMax, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceMax, ReduceMaxOp)
