// Bernoulli (opset 15; opset 22 adds bfloat16): y[i] = 1 with probability x[i], else 0, drawn from
// onyx's seeded generator (uniform u[i] in [0, 1), y[i] = u[i] < x[i]; seeds in
// ops/common/random_common.h). Input T1: float types, values in [0, 1] (else a run-time error).
// Output T2: attribute dtype, default T1; any numeric type or bool.
#include <algorithm>

#include "kernels/random.h"
#include "ops/common/float_widen.h"
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class BernoulliOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();
  using OutputTypes = types::Pod;

  Status init(const InitContext& ctx) override {
    stream_.init(ctx.node());
    if (ctx.node().has_attr("dtype")) {
      DType dtype;
      ONYX_RETURN_IF_ERROR(
          random_dtype_attr(ctx, DType::kFloat32, dtype_set<OutputTypes>(), &dtype));
      dtype_ = dtype;
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ctx.output(0) = ctx.input(0).type_only();
    ctx.output(0).dtype = dtype_.value_or(ctx.input(0).dtype);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t n = x.numel();
    const uint64_t key = stream_.key_for_run();
    constexpr int64_t kChunk = 256;  // even: chunks start at Philox block boundaries
    double u[kChunk];
    bool bad = false;
    visit_dtype<types::Float>(x.dtype(), [&](auto in_tag) {
      using TI = typename decltype(in_tag)::type;
      const TI* p = x.data<TI>();
      visit_dtype<OutputTypes>(y.dtype(), [&](auto out_tag) {
        using TO = typename decltype(out_tag)::type;
        TO* out = y.data<TO>();
        for (int64_t first = 0; first < n; first += kChunk) {
          const int64_t count = std::min(kChunk, n - first);
          // Chunk c draws from stream mix64(key + c): independent of the chunk size's history.
          kernels::random_uniform_f64(kernels::mix64(key + static_cast<uint64_t>(first / kChunk)),
                                      0.0, 1.0, u, count);
          for (int64_t i = 0; i < count; ++i) {
            const double prob = static_cast<double>(widen(p[first + i]));
            if (!(prob >= 0 && prob <= 1)) bad = true;
            const bool one = u[i] < prob;
            if constexpr (std::is_same_v<TO, bool>)
              out[first + i] = one;
            else
              out[first + i] = narrow<TO>(static_cast<Wide<TO>>(one ? 1 : 0));
          }
        }
      });
    });
    if (bad) return ctx.error("input probabilities must lie in [0, 1]");
    return Status::ok();
  }

  bool deterministic() const override { return false; }

 private:
  std::optional<DType> dtype_;
  RandomStream stream_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Bernoulli, BernoulliOp)
