// OneHot (opset 9; 11 allows negative indices): out has indices' shape with a new axis of size
// `depth` inserted at `axis` (default -1 = last; range [-r-1, r] for indices of rank r), holding
// values[1] ("on") where the position equals the index and values[0] ("off") elsewhere.
// indices and depth (a scalar or one-element tensor) may be any numeric type; non-integers are
// truncated. Index i in [-depth, depth) selects i (negative + depth); other indices give an all-off
// row (no error, as the spec says). values has two elements of any type. The output shape is
// known at inference only when depth is constant.
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// Element i of a numeric tensor, truncated to int64.
int64_t numeric_at(const Tensor& t, int64_t i) {
  int64_t v = 0;
  visit_dtype<types::Numeric>(t.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const auto w = widen(t.data<T>()[i]);
    if constexpr (std::is_floating_point_v<decltype(w)>)
      v = w != w || w >= 9.2e18f || w <= -9.2e18f ? INT64_MIN : static_cast<int64_t>(w);
    else
      v = static_cast<int64_t>(w);
  });
  return v;
}

class OneHotOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;  // of `values`

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", -1);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, dtype_set<types::Numeric>()));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, dtype_set<types::Numeric>()));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, kElementTypes));
    const ValueType& indices = ctx.input(0);
    const ValueType& values = ctx.input(2);
    if (values.fully_known() && shape_numel(values.dims) != 2)
      return ctx.input_error(2, "values must hold two elements [off, on]");
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = values.dtype;
    if (!indices.has_shape) return Status::ok();
    std::optional<int64_t> axis = normalize_axis(axis_, indices.rank() + 1);
    if (!axis)
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for output rank " +
                       std::to_string(indices.rank() + 1));
    out.has_shape = true;
    out.dims = indices.dims;
    int64_t depth = kUnknownDim;
    if (ctx.input(1).is_constant()) {
      if (ctx.input(1).value.numel() != 1) return ctx.input_error(1, "depth must hold one value");
      depth = numeric_at(ctx.input(1).value, 0);
      if (depth < 1) return ctx.input_error(1, "depth must be >= 1, got " + std::to_string(depth));
    }
    out.dims.insert(out.dims.begin() + *axis, depth);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& indices = ctx.input(0);
    const Tensor& values = ctx.input(2);
    if (ctx.input(1).numel() != 1) return ctx.error("depth must hold one value");
    if (values.numel() != 2) return ctx.error("values must hold two elements [off, on]");
    const int64_t depth = numeric_at(ctx.input(1), 0);
    if (depth < 1) return ctx.error("depth must be >= 1, got " + std::to_string(depth));
    const int64_t axis = *normalize_axis(axis_, indices.rank() + 1);
    Shape dims = indices.shape();
    dims.insert(dims.begin() + axis, depth);
    Tensor& out = output_of_shape(ctx, 0, values.dtype(), dims);
    // indices viewed as [outer, inner]; out as [outer, depth, inner].
    const AxisView v = axis_view(dims, axis);
    visit_storage(values.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      const S off = values.data<S>()[0], on = values.data<S>()[1];
      S* y = out.data<S>();
      std::fill_n(y, out.numel(), off);
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t i = 0; i < v.inner; ++i) {
          const int64_t index = numeric_at(indices, o * v.inner + i);
          if (index < -depth || index >= depth) continue;
          y[(o * depth + (index < 0 ? index + depth : index)) * v.inner + i] = on;
        }
    });
    return Status::ok();
  }

 private:
  int64_t axis_ = -1;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(OneHot, OneHotOp)
