#include "ops/common/optimizer_common.h"

#include <string>

namespace onyx::ops {

Status OptimizerOp::infer(InferContext& ctx) const {
  const int tensors = ctx.num_inputs() - 2;
  if (tensors <= 0 || tensors % lists_ != 0)
    return ctx.error("expected R, T and " + std::to_string(lists_) +
                     " lists of equally many tensors, got " + std::to_string(ctx.num_inputs()) +
                     " inputs");
  const int n = tensors / lists_;
  if (ctx.num_outputs() > (lists_ - 1) * n)
    return ctx.error("expected at most " + std::to_string((lists_ - 1) * n) + " outputs");
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt64}));
  for (int i = 0; i < 2; ++i)
    if (ctx.input(i).has_shape && shape_numel(ctx.input(i).dims) != 1)
      return ctx.input_error(i, "expected a scalar");
  for (int k = 0; k < n; ++k) {
    const ValueType& x = ctx.input(2 + k);
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(2 + k, kElementTypes));
    for (int l = 1; l < lists_; ++l) {
      const int i = 2 + l * n + k;
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {x.dtype}));
      const ValueType& v = ctx.input(i);
      if (x.has_shape && v.has_shape && x.dims != v.dims)
        return ctx.input_error(i, "shape differs from input " + std::to_string(2 + k));
    }
    for (int l = 0; l < lists_ - 1; ++l)
      if (l * n + k < ctx.num_outputs())
        ctx.output(l * n + k) = ctx.input(l == 0 ? 2 + k : 2 + (l + 1) * n + k).type_only();
  }
  return Status::ok();
}

Status OptimizerOp::run(RunContext& ctx) const {
  const int n = (ctx.num_inputs() - 2) / lists_;
  double r = 0;
  visit_dtype<types::NativeFloat>(ctx.input(0).dtype(), [&](auto tag) {
    r = static_cast<double>(ctx.input(0).data<typename decltype(tag)::type>()[0]);
  });
  const int64_t t = ctx.input(1).data<int64_t>()[0];
  double in[8], out[8];
  for (int k = 0; k < n; ++k) {
    const Tensor& x = ctx.input(2 + k);
    visit_dtype<types::NativeFloat>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t e = 0; e < x.numel(); ++e) {
        for (int l = 0; l < lists_; ++l) in[l] = ctx.input(2 + l * n + k).data<T>()[e];
        update(r, t, in, out);
        for (int l = 0; l < lists_ - 1; ++l)
          if (ctx.has_output(l * n + k))
            ctx.output(l * n + k).data<T>()[e] = static_cast<T>(out[l]);
      }
    });
  }
  return Status::ok();
}

}  // namespace onyx::ops
