// Sigmoid: y = 1 / (1 + e^-x), computed from e^-|x| so it never overflows. Opsets 1
// (consumed_inputs, ignored), 6, 13 (bfloat16). Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SigmoidOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::sigmoid(x); },
        F32Kernel{kernels::UnaryF32::kSigmoid});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Sigmoid, SigmoidOp)
