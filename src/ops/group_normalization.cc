// GroupNormalization (opsets 18, 21): X [N, C, D1, ...] with C split into num_groups groups of
// C / num_groups channels; each (n, group) is normalized over its channels and spatial dims:
// y = (x - mean) / sqrt(var + epsilon) * scale + bias.
//   opset 18: scale and bias have num_groups values (one per group);
//   opset 21: scale and bias have C values (one per channel), and stash_type (only 1 = float
//             computation is meaningful here: statistics are computed in float32, or float64
//             for double data).
// Float types.
#include <string>

#include "kernels/norm.h"
#include "ops/common/float_compute.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class GroupNormalizationOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    epsilon_ = ctx.node().attr_float("epsilon", 1e-5f);
    if (!ctx.node().has_attr("num_groups")) return ctx.error("attribute num_groups is required");
    groups_ = ctx.node().attr_int("num_groups", 1);
    if (groups_ <= 0)
      return ctx.error("num_groups must be positive, got " + std::to_string(groups_));
    per_channel_ = ctx.opset() >= 21;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    for (int i = 0; i < 3; ++i) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape) {
      if (x.rank() < 2) return ctx.input_error(0, "rank must be at least 2 (N, C, ...)");
      const int64_t c = x.dims[1];
      if (dim_known(c) && c % groups_ != 0)
        return ctx.error("C = " + std::to_string(c) +
                         " is not divisible by num_groups = " + std::to_string(groups_));
      const int64_t want = per_channel_ ? c : groups_;
      for (int i = 1; i < 3; ++i) {
        const ValueType& v = ctx.input(i);
        if (!v.has_shape) continue;
        if (v.rank() != 1) return ctx.input_error(i, "must be 1-D");
        if (dim_known(v.dims[0]) && dim_known(want) && v.dims[0] != want)
          return ctx.input_error(
              i, "has " + std::to_string(v.dims[0]) + " values, expected " + std::to_string(want) +
                     (per_channel_ ? " (C, since opset 21)" : " (num_groups, before opset 21)"));
      }
    }
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const Shape& dims = ctx.input(0).dims;
    batch_ = dims[0];
    channels_ = dims[1];
    spatial_ = 1;
    for (size_t k = 2; k < dims.size(); ++k) spatial_ *= dims[k];
    ctx.request_scratch(compute_copy_bytes(ctx));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    return run_in_compute_type(ctx, [&](auto& t) -> Status {
      using C = typename std::remove_reference_t<decltype(t)>::Compute;
      const int64_t group_size = channels_ / groups_ * spatial_;
      kernels::NormRows<C> p;
      p.rows = batch_ * groups_;
      p.n = group_size;
      p.epsilon = static_cast<C>(epsilon_);
      kernels::normalize_rows(t.in[0], t.out[0], p, ctx.pool());
      if (per_channel_)
        kernels::channel_affine(t.out[0], batch_, channels_, spatial_, t.in[1], t.in[2]);
      else
        kernels::channel_affine(t.out[0], batch_, groups_, group_size, t.in[1], t.in[2]);
      return Status::ok();
    });
  }

 private:
  float epsilon_ = 1e-5f;
  int64_t groups_ = 1;
  bool per_channel_ = true;
  int64_t batch_ = 0, channels_ = 0, spatial_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(GroupNormalization, GroupNormalizationOp)
