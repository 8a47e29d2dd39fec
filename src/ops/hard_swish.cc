// HardSwish: y = x * max(0, min(1, x / 6 + 1/2)). Opsets 14, 22. Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class HardSwishOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::hard_swish(x); },
        F32Kernel{kernels::UnaryF32::kHardSwish});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(HardSwish, HardSwishOp)
