// Expand (opset 8; 13 adds bfloat16): broadcasts `input` against the 1-D int64 `shape`
// bidirectionally (numpy rules: a shape entry of 1 keeps the input's dim), so the output rank is
// max(rank, len(shape)). Any element type. When `shape` is a runtime input the output shape is
// known only in run().
#include "ops/common/broadcast.h"
#include "ops/common/dim_expr.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// Broadcast of input dims `in` (may hold unknown/symbolic dims) with `shape`; "" or an error.
std::string expand_dims(const Shape& in, const std::vector<int64_t>& shape, Shape* out) {
  const size_t rank = std::max(in.size(), shape.size());
  out->assign(rank, 1);
  for (size_t k = 0; k < rank; ++k) {
    const int64_t a = k + in.size() >= rank ? in[k + in.size() - rank] : 1;
    const int64_t b = k + shape.size() >= rank ? shape[k + shape.size() - rank] : 1;
    if (b < 0) return "shape entry " + std::to_string(b) + " is negative";
    if (b == 1 || a == b)
      (*out)[k] = a;
    else if (a == 1 || !dim_known(a))
      (*out)[k] = b;
    else
      return "input dim " + std::to_string(a) + " cannot broadcast to " + std::to_string(b) +
             " (output axis " + std::to_string(k) + ")";
  }
  return "";
}

class ExpandOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kMovableDTypes;

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
    const ValueType& x = ctx.input(0);
    const ValueType& shape = ctx.input(1);
    ValueType& out = ctx.output(0);
    out = ValueType();
    out.dtype = x.dtype;
    if (shape.has_shape && shape.rank() != 1)
      return ctx.input_error(1, "shape must be 1-D, got rank " + std::to_string(shape.rank()));
    if (!x.has_shape) return Status::ok();
    if (std::optional<std::vector<int64_t>> dims = shape.int_values()) {
      std::string err = expand_dims(x.dims, *dims, &out.dims);
      if (!err.empty()) return ctx.error(err);
      out.has_shape = true;
    } else if (std::optional<std::vector<int64_t>> elems = input_elem_dims(ctx, 1)) {
      // A shape built from Shape(y): broadcast against its (symbolic) entries.
      for (int64_t& d : *elems)
        if (d == kElemMinusOne) d = kUnknownDim;
      Result<Shape> dims = broadcast_dims(x.dims, *elems);
      if (!dims) return ctx.error(dims.status().message());
      out.has_shape = true;
      out.dims = std::move(dims).value();
    } else if (shape.has_shape && dim_known(shape.dims[0])) {
      out.has_shape = true;
      out.dims.assign(static_cast<size_t>(std::max<int64_t>(x.rank(), shape.dims[0])), kUnknownDim);
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const std::vector<int64_t> shape = *tensor_int_values(ctx.input(1));
    Shape out_dims;
    std::string err = expand_dims(x.shape(), shape, &out_dims);
    if (!err.empty()) return ctx.error(err);
    Tensor& out = output_of_shape(ctx, 0, x.dtype(), out_dims);
    // Input strides aligned to the output's trailing dims; broadcast dims read stride 0.
    const std::vector<int64_t> in_strides = dense_strides(x.shape());
    std::vector<int64_t> strides(out_dims.size(), 0);
    const size_t lead = out_dims.size() - x.shape().size();
    for (size_t k = 0; k < x.shape().size(); ++k)
      strides[lead + k] = x.shape()[k] == 1 ? 0 : in_strides[k];
    strided_copy_tensor(x, 0, out_dims, strides, out, ctx.pool());
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Expand, ExpandOp)
