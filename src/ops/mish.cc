// Mish: y = x * tanh(softplus(x)). Opsets 18, 22. Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class MishOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::mish(x); }, F32Kernel{kernels::UnaryF32::kMish});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Mish, MishOp)
