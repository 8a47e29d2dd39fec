// ReduceLogSumExp: log(sum(exp(x))) over axes, computed as m + log(sum(exp(x - m))) with m the
// maximum so it never overflows. Opsets 1-17: axes attribute; 18+: optional axes input and
// noop_with_empty_axes. Integers accumulate in double. Empty set: -inf.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceLogSumExpOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceLogSumExpOp()
      : ReduceOp({kernels::ReduceKind::kLogSumExp, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceLogSumExp, ReduceLogSumExpOp)
