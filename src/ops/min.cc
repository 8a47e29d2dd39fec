// Min: elementwise minimum of 1..N inputs with broadcasting (opset 8+); NaN propagates.
// Element types by opset: float types (1..11), all numeric (12), bfloat16 (13) (family code in
// ops/common/variadic_common.h).
#include "ops/common/variadic_common.h"

namespace onyx::ops {
namespace {

class MinOp final : public VariadicBroadcastOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Numeric>();
  MinOp() : VariadicBroadcastOp(kernels::BinaryOp::kMin, /*mean=*/false, kElementTypes) {}
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Min, MinOp)
