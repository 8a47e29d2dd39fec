// Shrink (opset 9): y = x + bias for x < -lambd, x - bias for x > lambd, else 0 (defaults
// lambd = 0.5, bias = 0). Numeric types; integers are compared and shifted in double, then
// converted back.
#include <type_traits>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ShrinkOp final : public UnaryOp<types::Numeric> {
 public:
  Status init(const InitContext& ctx) override {
    lambd_ = ctx.node().attr_float("lambd", 0.5f);
    bias_ = ctx.node().attr_float("bias", 0.0f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(ctx, [l = lambd_, b = bias_](auto x) {
      using T = decltype(x);
      using C = std::conditional_t<std::is_integral_v<T>, double, T>;
      const C v = static_cast<C>(x);
      if (v < C(-l)) return static_cast<T>(v + C(b));
      if (v > C(l)) return static_cast<T>(v - C(b));
      return x == x ? T(0) : x;  // NaN stays NaN
    });
  }

 private:
  float lambd_ = 0.5f, bias_ = 0.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Shrink, ShrinkOp)
