// ReduceMean: sum over axes divided by the number of reduced elements. Opsets 1-17: axes
// attribute; 18+: optional axes input and noop_with_empty_axes. Integers are averaged in double
// and truncated toward zero. Empty set: NaN (0/0).
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceMeanOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceMeanOp()
      : ReduceOp({kernels::ReduceKind::kSum, ReduceFinish::kMean, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceMean, ReduceMeanOp)
