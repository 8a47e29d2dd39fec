// Tanh: hyperbolic tangent. Opsets 1 (consumed_inputs, ignored), 6, 13. Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class TanhOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return std::tanh(x); }, F32Kernel{kernels::UnaryF32::kTanh});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Tanh, TanhOp)
