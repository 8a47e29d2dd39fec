// MeanVarianceNormalization (opsets 9, 13): y = (x - mean) / (sqrt(var) + 1e-9) with mean and
// (population) variance taken over `axes` (default [0, 2, 3]; negative axes allowed), as the
// ONNX function body computes it. Opset 13 added bfloat16. Float types.
#include <string>
#include <vector>

#include "kernels/norm.h"
#include "ops/common/float_compute.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// The function body's epsilon, added to the standard deviation.
constexpr double kEpsilon = 1e-9;

class MeanVarianceNormalizationOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    axes_ = ctx.node().attr_ints("axes", {0, 2, 3});
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape) {
      std::vector<bool> seen(static_cast<size_t>(x.rank()), false);
      for (int64_t a : axes_) {
        const auto axis = normalize_axis(a, x.rank());
        if (!axis)
          return ctx.error("axis " + std::to_string(a) + " in axes is out of range for rank " +
                           std::to_string(x.rank()));
        if (seen[static_cast<size_t>(*axis)])
          return ctx.error("axis " + std::to_string(a) + " appears twice in axes");
        seen[static_cast<size_t>(*axis)] = true;
      }
    }
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    dims_ = ctx.input(0).dims;
    reduced_.assign(dims_.size(), 0);
    for (int64_t a : axes_)
      reduced_[static_cast<size_t>(*normalize_axis(a, static_cast<int64_t>(dims_.size())))] = 1;
    const int64_t ws = kernels::mean_variance_workspace(dims_.data(), reduced_.data(),
                                                        static_cast<int>(dims_.size()));
    ctx.request_scratch(compute_copy_bytes(ctx) + static_cast<size_t>(ws) * sizeof(double));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return run_in_compute_type(ctx, [&](auto& t) -> Status {
      kernels::mean_variance_normalize(t.in[0], t.out[0], dims_.data(), reduced_.data(),
                                       static_cast<int>(dims_.size()), kEpsilon,
                                       static_cast<double*>(t.extra));
      return Status::ok();
    });
  }

 private:
  std::vector<int64_t> axes_;
  Shape dims_;
  std::vector<uint8_t> reduced_;  // per axis: 1 when reduced
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MeanVarianceNormalization, MeanVarianceNormalizationOp)
