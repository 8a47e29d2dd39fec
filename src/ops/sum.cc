// Sum: elementwise sum of 1..N inputs with broadcasting (opset 8+). Element types: float
// types (13: bfloat16) (family code in ops/common/variadic_common.h).
#include "ops/common/variadic_common.h"

namespace onyx::ops {
namespace {

class SumOp final : public VariadicBroadcastOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();
  SumOp() : VariadicBroadcastOp(kernels::BinaryOp::kAdd, /*mean=*/false, kElementTypes) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Sum, SumOp)
