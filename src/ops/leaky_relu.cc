// LeakyRelu: y = x for x >= 0, alpha * x otherwise (alpha default 0.01). Opsets 1
// (consumed_inputs, ignored), 6, 16 (bfloat16). Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class LeakyReluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 0.01f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(
        ctx, [a = alpha_](auto x) { return kernels::scalar::leaky_relu(x, decltype(x)(a)); },
        F32Kernel{kernels::UnaryF32::kLeakyRelu, {alpha_, 0.0f}});
  }

 private:
  float alpha_ = 0.01f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LeakyRelu, LeakyReluOp)
