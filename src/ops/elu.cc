// Elu: y = x for x >= 0, alpha * (e^x - 1) otherwise (alpha default 1). Opsets 1
// (consumed_inputs, ignored), 6, 22 (bfloat16). Float types.
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class EluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.0f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(
        ctx, [a = alpha_](auto x) { return kernels::scalar::elu(x, decltype(x)(a)); },
        F32Kernel{kernels::UnaryF32::kElu, {alpha_, 0.0f}});
  }

 private:
  float alpha_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Elu, EluOp)
