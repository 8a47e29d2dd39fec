// IsNaN: bool output, true where x is NaN. Opsets 9, 13 (bfloat16), 20 (float8, not supported).
// Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class IsNaNOp final : public UnaryOp<types::Float, DType::kBool> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) { return std::isnan(x); });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(IsNaN, IsNaNOp)
