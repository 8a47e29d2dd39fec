// InstanceNormalization (opsets 1, 6, 22): for X [N, C, D1, ...], each (n, c) slice is normalized
// over its spatial dims: y = (x - mean) / sqrt(var + epsilon) * scale[c] + B[c]. Opset 1 had the
// legacy consumed_inputs attribute (ignored); 6 removed it; 22 added bfloat16. Float types.
#include <string>

#include "kernels/norm.h"
#include "ops/common/float_compute.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class InstanceNormalizationOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    epsilon_ = ctx.node().attr_float("epsilon", 1e-5f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    for (int i = 0; i < 3; ++i) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape) {
      if (x.rank() < 2) return ctx.input_error(0, "rank must be at least 2 (N, C, ...)");
      for (int i = 1; i < 3; ++i) {
        const ValueType& v = ctx.input(i);
        if (!v.has_shape) continue;
        if (v.rank() != 1) return ctx.input_error(i, "must be 1-D [C]");
        if (dim_known(v.dims[0]) && dim_known(x.dims[1]) && v.dims[0] != x.dims[1])
          return ctx.input_error(i, "has " + std::to_string(v.dims[0]) +
                                        " values, X has C = " + std::to_string(x.dims[1]));
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
      kernels::NormRows<C> p;
      p.rows = batch_ * channels_;
      p.n = spatial_;
      p.epsilon = static_cast<C>(epsilon_);
      kernels::normalize_rows(t.in[0], t.out[0], p, ctx.pool());
      kernels::channel_affine(t.out[0], batch_, channels_, spatial_, t.in[1], t.in[2]);
      return Status::ok();
    });
  }

 private:
  float epsilon_ = 1e-5f;
  int64_t batch_ = 0, channels_ = 0, spatial_ = 1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(InstanceNormalization, InstanceNormalizationOp)
