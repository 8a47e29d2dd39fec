// Reciprocal: y = 1 / x (+-inf at +-0). Opsets 1 (consumed_inputs, ignored), 6, 13. Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ReciprocalOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return decltype(x)(1) / x; }, F32Kernel{kernels::UnaryF32::kReciprocal});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Reciprocal, ReciprocalOp)
