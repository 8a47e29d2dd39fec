// Neg: -x. Opsets 1 (consumed_inputs, ignored), 6 (signed integer types), 13 (bfloat16).
// Float and signed integer types; integers wrap (-INT_MIN == INT_MIN).
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class NegOp final : public UnaryOp<types::SignedNumeric> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return wrapping_neg(x); }, F32Kernel{kernels::UnaryF32::kNeg});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Neg, NegOp)
