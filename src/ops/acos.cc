// Acos: std::acos elementwise (NaN outside the domain). Opsets 7, 22 (bfloat16 added in 22).
// Float types; float16/bfloat16 computed in float32.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class AcosOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return std::acos(x); });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Acos, AcosOp)
