// Selu: y = gamma * x for x > 0, gamma * alpha * (e^x - 1) otherwise (defaults alpha =
// 1.67326..., gamma = 1.05070...). Opsets 1 (consumed_inputs, ignored), 6, 22. Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SeluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.67326319217681884765625f);
    gamma_ = ctx.node().attr_float("gamma", 1.05070102214813232421875f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(ctx, [a = alpha_, g = gamma_](auto x) {
      using T = decltype(x);
      return x > T(0) ? T(g) * x : T(g) * T(a) * std::expm1(x);
    });
  }

 private:
  float alpha_ = 0, gamma_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Selu, SeluOp)
