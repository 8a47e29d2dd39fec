// Sign: -1, 0 or 1 by the sign of x (NaN stays NaN, -0 gives 0). Opsets 9, 13 (bfloat16).
// Numeric types.
#include <type_traits>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SignOp final : public UnaryOp<types::Numeric> {
 public:
  Status run(RunContext& ctx) const override {
    return map(ctx, [](auto x) {
      using T = decltype(x);
      if constexpr (std::is_unsigned_v<T>)
        return static_cast<T>(x > 0 ? 1 : 0);
      else
        return x > T(0) ? T(1) : x < T(0) ? T(-1) : x == T(0) ? T(0) : x;  // NaN falls through
    });
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Sign, SignOp)
