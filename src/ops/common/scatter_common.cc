#include "ops/common/scatter_common.h"

#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"

namespace onyx::ops {

Status parse_scatter_reduction(const InitContext& ctx, ScatterReduction* out) {
  const std::string r = ctx.node().attr_string("reduction", "none");
  if (ctx.opset() >= 16 && (r == "add" || r == "mul")) {
    *out = r == "add" ? ScatterReduction::kAdd : ScatterReduction::kMul;
  } else if (ctx.opset() >= 18 && (r == "max" || r == "min")) {
    *out = r == "max" ? ScatterReduction::kMax : ScatterReduction::kMin;
  } else if (r == "none") {
    *out = ScatterReduction::kNone;
  } else {
    return ctx.error("reduction '" + r + "' is not valid at this opset (none; add/mul from 16; " +
                     "max/min from 18)");
  }
  return Status::ok();
}

}  // namespace onyx::ops

namespace onyx::ops {

Status ScatterElementsBase::init(const InitContext& ctx) {
  axis_ = ctx.node().attr_int("axis", 0);
  return parse_scatter_reduction(ctx, &reduction_);
}

Status ScatterElementsBase::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(
      0, reduction_ == ScatterReduction::kNone ? kElementTypes : dtype_set<ScatterReduceTypes>()));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2, {ctx.input(0).dtype}));
  const ValueType& data = ctx.input(0);
  const ValueType& indices = ctx.input(1);
  const ValueType& updates = ctx.input(2);
  if (data.has_shape) {
    if (!normalize_axis(axis_, data.rank()))
      return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                       std::to_string(data.rank()));
    if (indices.has_shape && indices.rank() != data.rank())
      return ctx.input_error(1, "indices rank " + std::to_string(indices.rank()) +
                                    " differs from data rank " + std::to_string(data.rank()));
  }
  if (indices.fully_known() && updates.fully_known() && indices.dims != updates.dims)
    return ctx.input_error(2, "updates shape " + dims_to_string(updates.dims) +
                                  " differs from indices shape " + dims_to_string(indices.dims));
  ctx.output(0) = data.type_only();
  return Status::ok();
}

Status ScatterElementsBase::run(RunContext& ctx) const {
  const Tensor& data = ctx.input(0);
  const Tensor& indices = ctx.input(1);
  const Tensor& updates = ctx.input(2);
  Tensor& out = ctx.output(0);
  const int64_t axis = *normalize_axis(axis_, data.rank());
  for (int d = 0; d < data.rank(); ++d)
    if (d != axis && indices.dim(d) > data.dim(d))
      return ctx.error("indices dim " + std::to_string(d) + " (" + std::to_string(indices.dim(d)) +
                       ") exceeds data's (" + std::to_string(data.dim(d)) + ")");
  copy_tensor_data(data, out);
  int64_t bad = -1;
  auto scatter = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* upd = updates.data<T>();
    T* dst = out.data<T>();
    bad = for_each_axis_index(indices, data.shape(), axis, [&](int64_t i, int64_t off) {
      scatter_combine(dst[off], upd[i], reduction_);
    });
  };
  if (reduction_ == ScatterReduction::kNone)
    visit_storage(data.dtype(), scatter);
  else
    visit_dtype<ScatterReduceTypes>(data.dtype(), scatter);
  if (bad >= 0)
    return ctx.error(
        index_range_message(int_at(indices, bad), axis, data.dim(static_cast<int>(axis))));
  return Status::ok();
}

}  // namespace onyx::ops
