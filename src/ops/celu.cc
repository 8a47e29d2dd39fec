// Celu: y = max(0, x) + min(0, alpha * (e^(x/alpha) - 1)) (alpha default 1). Opset 12
// (float32 in the spec; float64/float16/bfloat16 accepted too). Float types.
#include <cmath>

#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class CeluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.0f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(ctx, [a = alpha_](auto x) {
      return x > decltype(x)(0) ? x : decltype(x)(a) * std::expm1(x / decltype(x)(a));
    });
  }

 private:
  float alpha_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Celu, CeluOp)
