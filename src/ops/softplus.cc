// Softplus: y = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) (no overflow).
// Opsets 1, 22 (bfloat16). Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SoftplusOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return kernels::scalar::softplus(x); },
        F32Kernel{kernels::UnaryF32::kSoftplus});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Softplus, SoftplusOp)
