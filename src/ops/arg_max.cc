// ArgMax: int64 index of the largest element along `axis`; opset 12 adds select_last_index,
// opset 13 bfloat16. Semantics: ArgReduceOp in ops/common/reduce_common.h.
#include "ops/common/reduce_common.h"

namespace onyx::ops {
namespace {

class ArgMaxOp final : public ArgReduceOp {
 public:
  static constexpr DTypeSet kElementTypes = ArgReduceOp::kTypes;
  ArgMaxOp() : ArgReduceOp(/*is_max=*/true) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ArgMax, ArgMaxOp)
