// ReduceSumSquare: sum of squares over axes. Opsets 1-17: axes attribute; 18+: optional axes
// input and noop_with_empty_axes (then x^2). Integers wrap. Empty set: 0.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceSumSquareOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceSumSquareOp()
      : ReduceOp({kernels::ReduceKind::kSumSquare, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceSumSquare, ReduceSumSquareOp)
