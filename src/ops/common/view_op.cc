#include "ops/common/view_op.h"

#include "ops/common/dim_expr.h"

#include "ops/common/int_inputs.h"

namespace onyx::ops {

Status ViewOp::infer(InferContext& ctx) const {
  if (ctx.has_input(0) && !ctx.input(0).is_tensor()) {
    if (!passes_values())
      return ctx.not_implemented("input 0 is not a tensor (this op takes tensors only)");
    ctx.output(0) = ctx.input(0);  // sequences/optionals/maps pass through unchanged
    return Status::ok();
  }
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
  const ValueType& x = ctx.input(0);
  ValueType out;
  out.dtype = x.dtype;
  ONYX_RETURN_IF_ERROR(output_shape(ctx, out));
  if (x.is_constant() && out.fully_known()) out.value = x.value.reshaped(out.dims);
  ctx.output(0) = std::move(out);
  return Status::ok();
}

Status ViewOp::run(RunContext& ctx) const {
  if (ctx.values_bound() && !ctx.input_value(0).is_tensor()) {
    ctx.output_value(0) = ctx.input_value(0);
    return Status::ok();
  }
  const Tensor& x = ctx.input(0);
  if (!ctx.output(0).defined()) {  // shape only known now: output 0 becomes a view of input 0
    Shape dims;
    ONYX_RETURN_IF_ERROR(run_time_shape(ctx, &dims));
    if (shape_numel(dims) != x.numel())
      return ctx.error("output shape " + dims_to_string(dims) + " does not hold the " +
                       std::to_string(x.numel()) + " input elements");
    ctx.output(0) = x.reshaped(dims);
    return Status::ok();
  }
  copy_tensor_data(x, ctx.output(0));
  return Status::ok();
}

Status ViewOp::run_time_shape(RunContext& ctx, Shape* dims) const {
  (void)dims;
  return ctx.error("output shape was not fixed at plan time");
}

Status IntListArg::init(const InitContext& ctx) {
  use_input_ = from_input(ctx.opset());
  if (use_input_) return Status::ok();
  if (ctx.node().has_attr(name_))
    attr_ = ctx.node().attr_ints(name_);
  else if (required_)
    return ctx.error(std::string("missing required attribute '") + name_ + "'");
  return Status::ok();
}

Status IntListArg::infer(const InferContext& ctx, Known* known) const {
  *known = Known();
  if (!from_input(ctx.opset())) {
    known->present = attr_.has_value();
    known->values = attr_;
    if (attr_) known->length = static_cast<int64_t>(attr_->size());
    return Status::ok();
  }
  if (!ctx.has_input(input_index_)) {
    if (required_)
      return ctx.input_error(input_index_,
                             std::string("required input '") + name_ + "' is missing");
    return Status::ok();
  }
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(input_index_, {DType::kInt64}));
  const ValueType& a = ctx.input(input_index_);
  if (a.has_shape && a.rank() > 1)
    return ctx.input_error(
        input_index_, std::string(name_) + " must be 1-D, got rank " + std::to_string(a.rank()));
  known->present = true;
  known->values = a.int_values();
  if (!known->values)
    if (std::optional<std::vector<int64_t>> e = input_elem_dims(ctx, input_index_))
      known->elem_dims = std::move(*e);
  if (known->values)
    known->length = static_cast<int64_t>(known->values->size());
  else if (!known->elem_dims.empty())
    known->length = static_cast<int64_t>(known->elem_dims.size());
  else if (a.has_shape)
    known->length = a.rank() == 0 ? 1 : a.dims[0];
  return Status::ok();
}

Status IntListArg::run(const RunContext& ctx, std::optional<std::vector<int64_t>>* values) const {
  if (!use_input_) {
    *values = attr_;
    return Status::ok();
  }
  values->reset();
  if (!ctx.has_input(input_index_)) return Status::ok();
  *values = tensor_int_values(ctx.input(input_index_));
  if (!*values) return ctx.error(std::string(name_) + " input must be int64");
  return Status::ok();
}

}  // namespace onyx::ops
