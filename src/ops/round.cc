// Round: round to nearest, ties to even (numpy.round). Opsets 11, 22 (bfloat16 listed).
// Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class RoundOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::round_half_even(x); },
        F32Kernel{kernels::UnaryF32::kRound});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Round, RoundOp)
