// MaxUnpool (opsets 9, 11, 22): inverse of MaxPool with indices. Inputs: X [N, C, in...],
// I int64 [N, C, in...], optional output_shape int64 [rank] (opset 11+). With the inferred
// shape D = [N, C, (in - 1) * stride + kernel - pad_begin - pad_end per spatial dim], I holds
// flat indices into a D-shaped tensor (as MaxPool's Indices output): Z = zeros(D),
// Z.flat[I[i]] = X[i]. Y = Z without output_shape, else Z placed at the origin of a zero tensor
// of output_shape (which must cover D in every dim).
// Attributes kernel_shape (required), strides, pads. An index outside Y is a run-time error.
#include "ops/common/dtype_visit.h"
#include "ops/common/int_inputs.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class MaxUnpoolOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(parse_window_attrs(ctx, &attrs_));
    if (attrs_.kernel_shape.empty()) return ctx.error("required attribute kernel_shape is missing");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    if (ctx.has_input(2)) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ValueType& y = ctx.output(0);
    y.dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() < 3) return ctx.input_error(0, "expected rank >= 3 [N, C, spatial...]");
    const size_t r = static_cast<size_t>(x.rank() - 2);
    if (attrs_.kernel_shape.size() != r ||
        (!attrs_.strides.empty() && attrs_.strides.size() != r) ||
        (!attrs_.pads.empty() && attrs_.pads.size() != 2 * r))
      return ctx.input_error(
          0, "kernel_shape/strides/pads do not match the " + std::to_string(r) + " spatial dims");
    y.has_shape = true;
    if (ctx.has_input(2)) {
      std::optional<std::vector<int64_t>> shape = ctx.input(2).int_values();
      y.dims.assign(static_cast<size_t>(x.rank()), kUnknownDim);
      if (!shape) return Status::ok();
      if (shape->size() != static_cast<size_t>(x.rank()))
        return ctx.input_error(2, "has " + std::to_string(shape->size()) +
                                      " entries; expected X's rank " + std::to_string(x.rank()));
      y.dims = *shape;
      return Status::ok();
    }
    y.dims = default_shape(x.dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& indices = ctx.input(1);
    if (indices.shape() != x.shape()) return ctx.error("indices' shape differs from X's");
    if (!ctx.output(0).defined()) {
      std::vector<int64_t> dims = *tensor_int_values(ctx.input(2));
      if (dims.size() != x.shape().size())
        return ctx.error("output_shape has the wrong number of entries");
      for (int64_t d : dims)
        if (d < 0) return ctx.error("output_shape entries must be non-negative");
      ctx.allocate_output(0, x.dtype(), dims);
    }
    Tensor& y = ctx.output(0);
    const Shape inferred = default_shape(x.shape());
    const Shape& out = y.shape();
    for (size_t d = 0; d < out.size(); ++d)
      if (out[d] < inferred[d])
        return ctx.error("output_shape " + dims_to_string(out) + " is smaller than the unpooled " +
                         "shape " + dims_to_string(inferred));
    const int64_t n = x.numel(), limit = shape_numel(inferred), y_numel = y.numel();
    // Flat index in `inferred` -> flat index in `out` (the same coordinates).
    auto remap = [&](int64_t flat) {
      int64_t result = 0, stride = 1;
      for (size_t d = out.size(); d-- > 0;) {
        result += (flat % inferred[d]) * stride;
        flat /= inferred[d];
        stride *= out[d];
      }
      return result;
    };
    const bool same_shape = out == inferred;
    const int64_t* idx = indices.data<int64_t>();
    std::string error;
    visit_dtype<ElementTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      T* dst = y.data<T>();
      std::fill(dst, dst + y_numel, T{});
      for (int64_t i = 0; i < n; ++i) {
        if (idx[i] < 0 || idx[i] >= limit) {
          error = "index " + std::to_string(idx[i]) + " is outside the output (" +
                  std::to_string(limit) + " elements)";
          return;
        }
        dst[same_shape ? idx[i] : remap(idx[i])] = src[i];
      }
    });
    if (!error.empty()) return ctx.error(error);
    return Status::ok();
  }

 private:
  using ElementTypes = types::Float;

  Shape default_shape(const Shape& x) const {
    const size_t r = x.size() - 2;
    Shape dims = {x[0], x[1]};
    for (size_t d = 0; d < r; ++d) {
      const int64_t in = x[d + 2];
      const int64_t s = attrs_.strides.empty() ? 1 : attrs_.strides[d];
      const int64_t pads = attrs_.pads.empty() ? 0 : attrs_.pads[d] + attrs_.pads[d + r];
      dims.push_back(dim_known(in) ? (in - 1) * s + attrs_.kernel_shape[d] - pads : kUnknownDim);
    }
    return dims;
  }

  WindowAttrs attrs_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(MaxUnpool, MaxUnpoolOp)
