#include "ops/common/window_common.h"

#include <cmath>
#include <numbers>
#include <vector>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"

namespace onyx::ops {

Status parse_output_datatype(const InitContext& ctx, DType* out) {
  *out = static_cast<DType>(ctx.node().attr_int("output_datatype", 1));
  if (!dtype_set<SignalOutputTypes>().contains(*out))
    return ctx.error("attribute output_datatype: " +
                     unsupported_dtype_message(*out, dtype_set<SignalOutputTypes>()));
  return Status::ok();
}

void store_doubles(const double* values, int64_t count, Tensor& out) {
  visit_dtype<SignalOutputTypes>(out.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* dst = out.data<T>();
    for (int64_t i = 0; i < count; ++i) dst[i] = narrow<T>(static_cast<Wide<T>>(values[i]));
  });
}

std::optional<int64_t> scalar_count(const Tensor& t) {
  if ((t.dtype() != DType::kInt32 && t.dtype() != DType::kInt64) || t.numel() != 1)
    return std::nullopt;
  const int64_t v = int_at(t, 0);
  if (v < 0) return std::nullopt;
  return v;
}

Status WindowFamilyOp::init(const InitContext& ctx) {
  periodic_ = ctx.node().attr_int("periodic", 1) != 0;
  return parse_output_datatype(ctx, &dtype_);
}

Status WindowFamilyOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, {DType::kInt32, DType::kInt64}));
  const ValueType& size = ctx.input(0);
  ValueType out = ValueType::tensor(dtype_, {kUnknownDim});
  if (std::optional<std::vector<int64_t>> n = size.int_values()) {
    if (n->size() != 1 || (*n)[0] < 0)
      return ctx.input_error(0, "size must be one non-negative integer");
    out.dims[0] = (*n)[0];
  }
  ctx.output(0) = std::move(out);
  return Status::ok();
}

Status WindowFamilyOp::run(RunContext& ctx) const {
  std::optional<int64_t> n = scalar_count(ctx.input(0));
  if (!n) return ctx.error("size must be one non-negative integer");
  Tensor& out = output_of_shape(ctx, 0, dtype_, {*n});
  const double denominator = static_cast<double>(periodic_ ? *n : *n - 1);
  std::vector<double> w(static_cast<size_t>(*n));
  for (int64_t i = 0; i < *n; ++i) {
    // A one-sample symmetric window has denominator 0: the phase is 0 (w = a0 - a1 + a2).
    const double x = denominator > 0 ? 2.0 * std::numbers::pi * double(i) / denominator : 0.0;
    w[size_t(i)] = coef_.a0 - coef_.a1 * std::cos(x) + coef_.a2 * std::cos(2.0 * x);
  }
  store_doubles(w.data(), *n, out);
  return Status::ok();
}

}  // namespace onyx::ops
