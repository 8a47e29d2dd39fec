// Multinomial (opset 7; opset 22 adds bfloat16): for each row of input [batch, classes] of
// unnormalized log-probabilities, draws sample_size (default 1) class indices with probabilities
// softmax(row), from onyx's seeded generator (seeds in ops/common/random_common.h). Output
// [batch, sample_size] of attribute dtype: int32 (default) or int64.
// Sampling: u in [0, 1) scaled by the row's total exp-mass, first class whose cumulative mass
// exceeds it (computed in double). A row whose mass is not finite and positive is an error.
#include <algorithm>
#include <cmath>

#include "kernels/random.h"
#include "ops/common/float_widen.h"
#include "ops/common/random_common.h"

namespace onyx::ops {
namespace {

class MultinomialOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    stream_.init(ctx.node());
    sample_size_ = ctx.node().attr_int("sample_size", 1);
    if (sample_size_ < 0) return ctx.error("sample_size must not be negative");
    return random_dtype_attr(ctx, DType::kInt32, {DType::kInt32, DType::kInt64}, &dtype_);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = dtype_;
    if (!x.has_shape) return Status::ok();
    if (x.rank() != 2) return ctx.input_error(0, "expected a 2-D [batch, classes] tensor");
    ctx.output(0) = ValueType::tensor(dtype_, {x.dims[0], sample_size_});
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    // Cumulative mass of one row, then the uniforms of one row.
    const int64_t classes = ctx.input(0).dims[1];
    ctx.request_scratch(static_cast<size_t>(classes + sample_size_) * sizeof(double));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t batch = x.dim(0), classes = x.dim(1);
    double* cumulative = static_cast<double*>(ctx.scratch());
    double* u = cumulative + classes;
    const uint64_t key = stream_.key_for_run();
    Tensor& y = ctx.output(0);
    bool bad = false;
    visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t b = 0; b < batch && !bad; ++b) {
        const T* row = x.data<T>() + b * classes;
        double peak = -INFINITY;
        for (int64_t c = 0; c < classes; ++c)
          peak = std::max(peak, static_cast<double>(widen(row[c])));
        double total = 0;
        for (int64_t c = 0; c < classes; ++c)
          cumulative[c] = total += std::exp(static_cast<double>(widen(row[c])) - peak);
        if (classes == 0 || !(total > 0) || !std::isfinite(total)) {
          bad = sample_size_ > 0;
          continue;
        }
        // Row b draws from stream mix64(key + b).
        kernels::random_uniform_f64(kernels::mix64(key + static_cast<uint64_t>(b)), 0.0, total, u,
                                    sample_size_);
        for (int64_t s = 0; s < sample_size_; ++s) {
          const int64_t c = std::min<int64_t>(
              std::upper_bound(cumulative, cumulative + classes, u[s]) - cumulative, classes - 1);
          if (dtype_ == DType::kInt32)
            y.data<int32_t>()[b * sample_size_ + s] = static_cast<int32_t>(c);
          else
            y.data<int64_t>()[b * sample_size_ + s] = c;
        }
      }
    });
    if (bad) return ctx.error("a row has no finite positive probability mass");
    return Status::ok();
  }

  bool deterministic() const override { return false; }

 private:
  int64_t sample_size_ = 1;
  DType dtype_ = DType::kInt32;
  RandomStream stream_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Multinomial, MultinomialOp)
