// Swish (opset 24): y = x * sigmoid(alpha * x), alpha default 1.0. Float types (float16 and
// bfloat16 through float32).
#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class SwishOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.0f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const float alpha = alpha_;
    return map(
        ctx,
        [alpha](auto x) {
          using C = decltype(x);
          return kernels::scalar::swish(x, static_cast<C>(alpha));
        },
        F32Kernel{kernels::UnaryF32::kSwish, {alpha, 0.0f}});
  }

 private:
  float alpha_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Swish, SwishOp)
