// Asinh: std::asinh elementwise (NaN outside the domain). Opsets 9, 22 (bfloat16 added in 22).
// Float types; float16/bfloat16 computed in float32.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class AsinhOp final : public UnaryOp<types::Float> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return std::asinh(x); });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Asinh, AsinhOp)
