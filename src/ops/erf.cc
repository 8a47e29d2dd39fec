// Erf: the error function. Opsets 9, 13 (bfloat16). Numeric types (integers are computed in
// double and truncated back).
#include <cmath>
#include <type_traits>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ErfOp final : public UnaryOp<types::Numeric> {
 public:
  Status run(RunContext& ctx) const override {
    return map(
        ctx,
        [](auto x) {
          using T = decltype(x);
          if constexpr (std::is_floating_point_v<T>)
            return std::erf(x);
          else
            return static_cast<T>(std::erf(static_cast<double>(x)));
        },
        F32Kernel{kernels::UnaryF32::kErf});
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Erf, ErfOp)
