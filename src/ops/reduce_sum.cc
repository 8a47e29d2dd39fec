// ReduceSum: sum over axes. Opsets 1-12: axes attribute; 13+: optional axes input and
// noop_with_empty_axes (opset 13 also adds bfloat16). Integers wrap. Empty set: 0.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceSumOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceSumOp()
      : ReduceOp({kernels::ReduceKind::kSum, ReduceFinish::kNone, /*axes_input_opset=*/13,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceSum, ReduceSumOp)
