// ReduceLogSum: log of the sum over axes. Opsets 1-17: axes attribute; 18+: optional axes input
// and noop_with_empty_axes (then log x). Empty set: log 0 = -inf.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceLogSumOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceLogSumOp()
      : ReduceOp({kernels::ReduceKind::kSum, ReduceFinish::kLog, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceLogSum, ReduceLogSumOp)
