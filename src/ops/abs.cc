// Abs: |x|. Opsets 1 (consumed_inputs, ignored), 6 (integer types), 13 (bfloat16).
// Numeric types; signed integers wrap (|INT_MIN| == INT_MIN), unsigned ones are unchanged.
#include <cmath>
#include <type_traits>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class AbsOp final : public UnaryOp<types::Numeric> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx,
        [](auto x) {
          using T = decltype(x);
          if constexpr (std::is_floating_point_v<T>)
            return std::fabs(x);
          else if constexpr (std::is_signed_v<T>)
            return x < 0 ? wrapping_neg(x) : x;
          else
            return x;
        },
        F32Kernel{kernels::UnaryF32::kAbs});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Abs, AbsOp)
