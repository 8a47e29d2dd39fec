// SoftmaxCrossEntropyLoss: log_prob = LogSoftmax(scores, axis 1) of scores [N, C, d1..dk], then
// the negative log-likelihood loss of log_prob against class targets [N, d1..dk] with optional
// weights [C], reduction and ignore_index as NegativeLogLikelihoodLoss
// (ops/common/loss_common.h). Optional output 1 is log_prob itself (scores' shape).
//   opset 12: introduced (T: float16, float, double)
//   opset 13: same semantics (spec clarifications)
// float16/bfloat16 compute the log-softmax in float32 (scratch) and the loss from the rounded
// log-probabilities, like a float16 computation would.
#include "base/half.h"
#include "kernels/softmax.h"
#include "ops/common/float_widen.h"
#include "ops/common/loss_common.h"

namespace onyx::ops {
namespace {

class SoftmaxCrossEntropyLossOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override { return parse_loss_attrs(ctx, &attrs_); }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(infer_loss(ctx, attrs_, kElementTypes));
    if (ctx.num_outputs() > 1) ctx.output(1) = ctx.input(0).type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const size_t numel = static_cast<size_t>(shape_numel(x.dims));
    // float/double: log_prob lands in output 1 when requested, else in scratch of type T.
    // float16/bfloat16: float32 log-softmax plus the rounded T copy.
    if (x.dtype == DType::kFloat32)
      ctx.request_scratch(numel * sizeof(float));
    else if (x.dtype == DType::kFloat64)
      ctx.request_scratch(numel * sizeof(double));
    else
      ctx.request_scratch(numel * (sizeof(float) + sizeof(uint16_t)) + 64);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const LossDims dims = loss_dims(x.shape());
    const Tensor* weight = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    const bool want_log_prob = ctx.has_output(1);
    if (x.numel() > 0 && ctx.scratch() == nullptr) return ctx.error("missing scratch buffer");
    Status status = Status::ok();
    const bool visited = visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* logp = want_log_prob ? ctx.output(1).data<T>() : nullptr;
      if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
        if (!logp) logp = static_cast<T*>(ctx.scratch());
        if constexpr (std::is_same_v<T, float>)
          kernels::log_softmax_f32(x.data<T>(), logp, dims.n, dims.c, dims.d, ctx.pool());
        else
          kernels::log_softmax_f64(x.data<T>(), logp, dims.n, dims.c, dims.d, ctx.pool());
      } else {
        float* wide = static_cast<float*>(ctx.scratch());
        if (!logp) logp = reinterpret_cast<T*>(wide + x.numel());
        const T* in = x.data<T>();
        for (int64_t i = 0; i < x.numel(); ++i) wide[i] = widen(in[i]);
        kernels::log_softmax_f32(wide, wide, dims.n, dims.c, dims.d, ctx.pool());
        for (int64_t i = 0; i < x.numel(); ++i) logp[i] = narrow<T>(wide[i]);
      }
      status = nll_loss<T>(ctx, logp, dims, ctx.input(1), weight, attrs_, ctx.output(0));
    });
    if (!visited) return ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
    return status;
  }

 private:
  LossAttrs attrs_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SoftmaxCrossEntropyLoss, SoftmaxCrossEntropyLossOp)
