// LpNormalization (opsets 1, 22): y = x / ||x||_p along `axis` (default -1, negative allowed),
// p = 1 or 2 (default 2). Opset 22 added bfloat16. Float types (float16/bfloat16 in float32).
#include <string>

#include "kernels/norm.h"
#include "ops/common/float_compute.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class LpNormalizationOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", -1);
    p_ = ctx.node().attr_int("p", 2);
    if (p_ != 1 && p_ != 2) return ctx.error("p must be 1 or 2, got " + std::to_string(p_));
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape && !normalize_axis(axis_, x.rank()))
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(x.rank()));
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const Shape& dims = ctx.input(0).dims;
    const auto axis =
        static_cast<size_t>(*normalize_axis(axis_, static_cast<int64_t>(dims.size())));
    outer_ = inner_ = 1;
    for (size_t k = 0; k < dims.size(); ++k) {
      if (k < axis) outer_ *= dims[k];
      if (k > axis) inner_ *= dims[k];
    }
    n_ = dims.empty() ? 1 : dims[axis];
    ctx.request_scratch(compute_copy_bytes(ctx));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return run_in_compute_type(ctx, [&](auto& t) -> Status {
      kernels::lp_normalize(t.in[0], t.out[0], outer_, n_, inner_, static_cast<int>(p_));
      return Status::ok();
    });
  }

 private:
  int64_t axis_ = -1, p_ = 2;
  int64_t outer_ = 1, n_ = 1, inner_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LpNormalization, LpNormalizationOp)
