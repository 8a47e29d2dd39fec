// ReduceL2: sqrt of the sum of squares over axes. Opsets 1-17: axes attribute; 18+: optional
// axes input and noop_with_empty_axes. Integers accumulate in double; the root is truncated.
// Empty set: 0.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceL2Op final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceL2Op()
      : ReduceOp({kernels::ReduceKind::kSumSquare, ReduceFinish::kSqrt, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceL2, ReduceL2Op)
