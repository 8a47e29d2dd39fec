#include "ops/common/variadic_common.h"

#include <cstring>
#include <limits>

#include "ops/common/binary_common.h"
#include "ops/common/broadcast.h"

namespace onyx::ops {
namespace {

// out = broadcast of src to out's shape (plan built for (out shape, src shape)).
Status broadcast_tensor_into(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& src,
                             Tensor& out) {
  const bool ok = visit_dtype<types::Pod>(src.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    kernels::broadcast_copy(plan, src.data<T>(), out.data<T>(), ctx.pool());
  });
  return ok ? Status::ok() : ctx.error(unsupported_dtype_message(src.dtype(), {}));
}

// x /= n elementwise, float types.
void divide_in_place(Tensor& x, int64_t n) {
  visit_dtype<types::Float>(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = x.data<T>();
    const compute_t<T> divisor = compute_t<T>(n);
    for (int64_t i = 0; i < x.numel(); ++i) p[i] = narrow<T>(widen(p[i]) / divisor);
  });
}

}  // namespace

Status VariadicBroadcastOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, std::numeric_limits<int>::max()));
  std::vector<int> all;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, element_types_));
    if (ctx.input(i).dtype != ctx.input(0).dtype)
      return ctx.input_error(i, std::string("element type ") + dtype_name(ctx.input(i).dtype) +
                                    " differs from input 0's " + dtype_name(ctx.input(0).dtype));
    all.push_back(i);
  }
  ValueType out;
  ONYX_RETURN_IF_ERROR(infer_broadcast_shape(ctx, all, &out));
  out.dtype = ctx.input(0).dtype;
  ctx.output(0) = std::move(out);
  return Status::ok();
}

VariadicBroadcastOp::FoldPlan VariadicBroadcastOp::make_fold_plan(const std::vector<Shape>& inputs,
                                                                  const Shape& out) {
  FoldPlan fp;
  if (inputs.size() < 2) return fp;  // one input: a copy
  Result<Shape> pair = broadcast_dims(inputs[0], inputs[1]);
  fp.first_pair_direct = pair && *pair == out;
  if (fp.first_pair_direct) {
    fp.plans.push_back(kernels::make_broadcast_plan(inputs[0], inputs[1]));
  } else {
    fp.plans.push_back(kernels::make_broadcast_plan(out, inputs[0]));
    fp.plans.push_back(kernels::make_broadcast_plan(out, inputs[1]));
  }
  for (size_t k = 2; k < inputs.size(); ++k)
    fp.plans.push_back(kernels::make_broadcast_plan(out, inputs[k]));
  return fp;
}

Status VariadicBroadcastOp::prepare(PrepareContext& ctx) {
  planned_inputs_.clear();
  for (int i = 0; i < ctx.num_inputs(); ++i) planned_inputs_.push_back(ctx.input(i).dims);
  plan_ = make_fold_plan(planned_inputs_, ctx.output(0).dims);
  return Status::ok();
}

Status VariadicBroadcastOp::run(RunContext& ctx) const {
  const int n = ctx.num_inputs();
  bool planned = n == static_cast<int>(planned_inputs_.size());
  for (int i = 0; planned && i < n; ++i) planned = ctx.input(i).shape() == planned_inputs_[i];
  if (planned) return fold(ctx, plan_);
  // Not the prepared shapes: check them and plan here.
  std::vector<Shape> shapes;
  for (int i = 0; i < n; ++i) shapes.push_back(ctx.input(i).shape());
  const Shape& out = ctx.output(0).shape();
  if (Result<Shape> dims = broadcast_dims(shapes); !dims || *dims != out)
    return ctx.error("input shapes do not broadcast to the output shape " + shape_to_string(out));
  return fold(ctx, make_fold_plan(shapes, out));
}

Status VariadicBroadcastOp::fold(RunContext& ctx, const FoldPlan& fp) const {
  const int n = ctx.num_inputs();
  Tensor& out = ctx.output(0);
  if (n == 1) {
    const Tensor& x = ctx.input(0);
    if (out.raw_data() != x.raw_data()) std::memcpy(out.raw_data(), x.raw_data(), x.nbytes());
  } else {
    size_t p = 0;
    if (fp.first_pair_direct) {
      ONYX_RETURN_IF_ERROR(
          run_arithmetic(ctx, op_, fp.plans[p++], ctx.input(0), ctx.input(1), out));
    } else {
      ONYX_RETURN_IF_ERROR(broadcast_tensor_into(ctx, fp.plans[p++], ctx.input(0), out));
      ONYX_RETURN_IF_ERROR(run_arithmetic(ctx, op_, fp.plans[p++], out, ctx.input(1), out));
    }
    for (int k = 2; k < n; ++k)
      ONYX_RETURN_IF_ERROR(run_arithmetic(ctx, op_, fp.plans[p++], out, ctx.input(k), out));
  }
  if (mean_) divide_in_place(out, n);
  return Status::ok();
}

}  // namespace onyx::ops
