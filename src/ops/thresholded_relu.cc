// ThresholdedRelu: y = x for x > alpha, else 0 (alpha default 1; NaN gives 0, as in the ONNX
// reference). Opsets 10, 22. Float types.
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ThresholdedReluOp final : public UnaryOp<types::Float> {
 public:
  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.0f);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return map(ctx, [a = alpha_](auto x) { return x > decltype(x)(a) ? x : decltype(x)(0); });
  }

 private:
  float alpha_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(ThresholdedRelu, ThresholdedReluOp)
