// Range (opset 11): the 1-D sequence start, start + delta, ... stopping before `limit`, with
// max(ceil((limit - start) / delta), 0) elements; element i is start + i * delta computed in T.
// start, limit and delta are scalars (or one-element tensors) of one type T (float, double, int16,
// int32, int64; opset 25 adds float16 and bfloat16, computed in float32). delta 0 is an error. When
// the inputs are runtime values the length is known only in run().
#include <cmath>

#include "ops/common/dim_expr.h"
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using RangeTypes = TypeList<float, double, int16_t, int32_t, int64_t, Float16, BFloat16>;

template <class T>
Result<int64_t> range_length(T start, T limit, T delta) {
  if (delta == T(0)) return Status(StatusCode::kInvalidArgument, "delta must not be 0");
  const double n = std::ceil((static_cast<double>(limit) - static_cast<double>(start)) /
                             static_cast<double>(delta));
  if (!(n > 0)) return int64_t{0};
  if (n > 9.0e15) return Status(StatusCode::kInvalidArgument, "range is too long");
  return static_cast<int64_t>(n);
}

class RangeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<RangeTypes>();

  // Length ceil((limit - start) / delta) of an integer range whose limit is a symbolic size
  // (Range(0, Shape(x)[1], 1)) and whose start and delta are constants, start >= 0 < delta.
  static int64_t symbolic_length(const InferContext& ctx) {
    std::optional<std::vector<int64_t>> start = ctx.input(0).int_values();
    std::optional<std::vector<int64_t>> delta = ctx.input(2).int_values();
    std::optional<std::vector<int64_t>> limit = input_elem_dims(ctx, 1);
    if (!start || !delta || !limit || start->size() != 1 || delta->size() != 1 ||
        limit->size() != 1 || (*start)[0] < 0 || (*delta)[0] <= 0 || (*limit)[0] == kElemMinusOne)
      return kUnknownDim;
    return dim_ceildiv(dim_sub((*limit)[0], (*start)[0]), (*delta)[0]);
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(3, 3));
    const DType t = ctx.input(0).dtype;
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    for (int i = 0; i < 3; ++i) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, {t}));
      if (ctx.input(i).fully_known() && shape_numel(ctx.input(i).dims) != 1)
        return ctx.input_error(i, "must be a scalar");
    }
    ValueType& out = ctx.output(0);
    out = ValueType::tensor(t, {kUnknownDim});
    if (!ctx.input(0).is_constant() || !ctx.input(1).is_constant() || !ctx.input(2).is_constant()) {
      out.dims[0] = symbolic_length(ctx);
      return Status::ok();
    }
    Status status = Status::ok();
    visit_dtype<RangeTypes>(t, [&](auto tag) {
      using T = typename decltype(tag)::type;
      Result<int64_t> n =
          range_length(widen(scalar<T>(ctx.input(0).value)), widen(scalar<T>(ctx.input(1).value)),
                       widen(scalar<T>(ctx.input(2).value)));
      if (n.is_ok())
        out.dims[0] = n.value();
      else
        status = ctx.error(n.status().message());
    });
    return status;
  }

  Status run(RunContext& ctx) const override {
    Status status = Status::ok();
    visit_dtype<RangeTypes>(ctx.input(0).dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      using A = Wide<T>;
      const A start = widen(scalar<T>(ctx.input(0))), delta = widen(scalar<T>(ctx.input(2)));
      Result<int64_t> n = range_length(start, widen(scalar<T>(ctx.input(1))), delta);
      if (!n.is_ok()) {
        status = ctx.error(n.status().message());
        return;
      }
      Tensor& out = output_of_shape(ctx, 0, ctx.input(0).dtype(), {n.value()});
      T* y = out.data<T>();
      for (int64_t i = 0; i < n.value(); ++i)
        y[i] = narrow<T>(static_cast<A>(start + static_cast<A>(i) * delta));
    });
    return status;
  }

 private:
  template <class T>
  static T scalar(const Tensor& t) {
    return t.data<T>()[0];
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Range, RangeOp)
