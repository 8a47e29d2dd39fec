// ArgMin: int64 index of the smallest element along `axis`; opset 12 adds select_last_index,
// opset 13 bfloat16. Semantics: ArgReduceOp in ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ArgMinOp final : public ArgReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = ArgReduceOp::kTypes;
  ArgMinOp() : ArgReduceOp(/*is_max=*/false) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ArgMin, ArgMinOp)
