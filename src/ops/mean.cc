// Mean: elementwise mean of 1..N inputs with broadcasting (opset 8+): the sum, divided by N.
// Element types: float types (13: bfloat16) (family code in ops/common/variadic_common.h).
#include "ops/common/variadic_common.h"

namespace onyx::ops {
namespace {

class MeanOp final : public VariadicBroadcastOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();
  MeanOp() : VariadicBroadcastOp(kernels::BinaryOp::kAdd, /*mean=*/true, kElementTypes) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Mean, MeanOp)
