// Ceil: round toward +inf. Opsets 1 (consumed_inputs, ignored), 6, 13. Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class CeilOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx, [](auto x) { return std::ceil(x); }, F32Kernel{kernels::UnaryF32::kCeil});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Ceil, CeilOp)
