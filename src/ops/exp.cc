// Exp: y = e^x. Opsets 1 (consumed_inputs, ignored), 6, 13 (bfloat16). Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ExpOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return std::exp(x); }, F32Kernel{kernels::UnaryF32::kExp});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Exp, ExpOp)
