// NegativeLogLikelihoodLoss: loss from log-probabilities input [N, C, d1..dk] and class targets
// [N, d1..dk], optional class weights [C]; attributes reduction (none/sum/mean, default mean) and
// ignore_index (ops/common/loss_common.h).
//   opset 12: introduced (T: float16, float, double)
//   opset 13: same semantics (spec clarifications)
//   opset 22: T adds bfloat16
// onyx accepts every float type at every opset.
#include "ops/common/loss_common.h"

namespace onyx::ops {
namespace {

class NegativeLogLikelihoodLossOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override { return parse_loss_attrs(ctx, &attrs_); }

  Status infer(InferContext& ctx) const override { return infer_loss(ctx, attrs_, kElementTypes); }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const LossDims dims = loss_dims(x.shape());
    const Tensor* weight = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    Status status = Status::ok();
    const bool visited = visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = nll_loss<T>(ctx, x.data<T>(), dims, ctx.input(1), weight, attrs_, ctx.output(0));
    });
    if (!visited) return ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
    return status;
  }

 private:
  LossAttrs attrs_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(NegativeLogLikelihoodLoss, NegativeLogLikelihoodLossOp)
