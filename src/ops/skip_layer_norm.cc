// com.onyx SkipLayerNorm (opset 1), made by opt/fuse_skip_layer_norm.cc from a residual Add
// feeding a last-axis LayerNormalization (BERT's post-norm, GPT's pre-norm blocks):
//
//   inputs  A, B      float32, the same shape [..., C]
//           Scale     float32 [C]
//           Bias      float32 [C] (optional)
//   outputs Y         = LayerNormalization(A + B, Scale, Bias, axis = -1, epsilon)
//           Sum       = A + B (optional: when the residual sum is also read elsewhere)
//   attr    epsilon (float, default 1e-5)
//
// One pass over memory (kernels::add_normalize_rows) instead of writing the sum and reading it
// back. Numerics: the sum is Add's float32 sum bit for bit; Y is LayerNormalization's kernel on it.
#include "kernels/norm.h"
#include "ops/op.h"
#include "ops/registry.h"

namespace onyx::ops {
namespace {

class SkipLayerNormOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status init(const InitContext& ctx) override {
    epsilon_ = ctx.node().attr_float("epsilon", 1e-5f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 4));
    for (int i = 0; i < ctx.num_inputs(); ++i)
      if (ctx.has_input(i)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    const ValueType &a = ctx.input(0), &b = ctx.input(1);
    for (int i = 0; i < ctx.num_outputs(); ++i) ctx.output(i).dtype = DType::kFloat32;
    if (!a.has_shape || !b.has_shape) return Status::ok();
    if (a.rank() < 1) return ctx.input_error(0, "SkipLayerNorm needs rank >= 1");
    bool same = a.rank() == b.rank();
    for (int i = 0; same && i < a.rank(); ++i) {
      const int64_t x = a.dims[static_cast<size_t>(i)], y = b.dims[static_cast<size_t>(i)];
      same = !dim_known(x) || !dim_known(y) || x == y;
    }
    if (!same)
      return ctx.input_error(
          1, "shape " + shape_to_string(b.dims) + " differs from A's " + shape_to_string(a.dims));
    for (int i = 2; i < ctx.num_inputs(); ++i) {
      if (!ctx.has_input(i) || !ctx.input(i).has_shape) continue;
      const ValueType& v = ctx.input(i);
      if (v.rank() != 1 ||
          (dim_known(v.dims[0]) && dim_known(a.dims.back()) && v.dims[0] != a.dims.back()))
        return ctx.input_error(i, "must be 1-D with A's last dim " + shape_to_string(a.dims));
    }
    for (int i = 0; i < ctx.num_outputs(); ++i) ctx.output(i) = a.type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const Shape& a = ctx.input(0).dims;
    if (ctx.input(1).dims != a)
      return ctx.error("A " + shape_to_string(a) + " and B " + shape_to_string(ctx.input(1).dims) +
                       " differ");
    n_ = a.empty() ? 1 : a.back();
    rows_ = n_ == 0 ? 0 : shape_numel(a) / n_;
    for (int i = 2; i < ctx.num_inputs(); ++i)
      if (ctx.has_input(i) && ctx.input(i).dims != Shape{n_})
        return ctx.error("input " + std::to_string(i) + " must have shape [" + std::to_string(n_) +
                         "]");
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    kernels::NormRows<float> p;
    p.rows = rows_;
    p.n = n_;
    p.epsilon = epsilon_;
    p.scale = ctx.input(2).data<float>();
    p.bias = ctx.has_input(3) ? ctx.input(3).data<float>() : nullptr;
    float* sum = ctx.has_output(1) ? ctx.output(1).data<float>() : nullptr;
    kernels::add_normalize_rows(ctx.input(0).data<float>(), ctx.input(1).data<float>(), sum,
                                ctx.output(0).data<float>(), p, ctx.pool());
    return Status::ok();
  }

 private:
  float epsilon_ = 1e-5f;
  int64_t rows_ = 0, n_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SkipLayerNorm, SkipLayerNormOp)
