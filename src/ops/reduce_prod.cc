// ReduceProd: product over axes. Opsets 1-17: axes attribute; 18+: optional axes input and
// noop_with_empty_axes. Integers wrap. Empty set: 1.
// Attribute, axes and type handling: ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ReduceProdOp final : public ReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ReduceMathTypes>();
  ReduceProdOp()
      : ReduceOp({kernels::ReduceKind::kProd, ReduceFinish::kNone, /*axes_input_opset=*/18,
                  kElementTypes}) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ReduceProd, ReduceProdOp)
