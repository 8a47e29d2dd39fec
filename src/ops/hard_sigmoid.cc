// HardSigmoid: y = max(0, min(1, alpha * x + beta)) (defaults alpha = 0.2, beta = 0.5).
// Opsets 1 (consumed_inputs, ignored), 6, 22. Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class HardSigmoidOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 0.2f);
    beta_ = ctx.node().attr_float("beta", 0.5f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(
        ctx,
        [a = alpha_, b = beta_](auto x) {
          using T = decltype(x);
          return kernels::scalar::hard_sigmoid(x, T(a), T(b));
        },
        F32Kernel{kernels::UnaryF32::kHardSigmoid, {alpha_, beta_}});
  }

 private:
  float alpha_ = 0.2f, beta_ = 0.5f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(HardSigmoid, HardSigmoidOp)
