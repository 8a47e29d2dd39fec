// ReduceL1: sum of absolute values over axes. Opsets 1-17: axes attribute; 18+: optional axes
// input and noop_with_empty_axes (then |x|). Integers wrap. Empty set: 0.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceL1Op final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceL1Op()
      : ReduceOp({kernels::ReduceKind::kSumAbs, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceL1, ReduceL1Op)
