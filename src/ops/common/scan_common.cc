#include "ops/common/scan_common.h"

#include <algorithm>

#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"

namespace onyx::ops {

namespace {

// dst[o, a, i] = op over src[o, b, i] for b before a (or up to a when inclusive) on the
// [outer, dim, inner] view; `reverse` runs a from dim-1 down. dst may alias src.
template <class T, class Op>
void scan_axis(const T* src, T* dst, const AxisView& v, bool exclusive, bool reverse,
               Wide<T> identity, Op op) {
  for (int64_t o = 0; o < v.outer; ++o)
    for (int64_t i = 0; i < v.inner; ++i) {
      Wide<T> acc = identity;
      for (int64_t k = 0; k < v.dim; ++k) {
        const int64_t a = reverse ? v.dim - 1 - k : k;
        const int64_t at = (o * v.dim + a) * v.inner + i;
        const Wide<T> value = widen(src[at]);
        if (!exclusive) acc = op(acc, value);
        dst[at] = narrow<T>(acc);
        if (exclusive) acc = op(acc, value);
      }
    }
}

}  // namespace

Status CumulativeFamilyOp::init(const InitContext& ctx) {
  exclusive_ = ctx.node().attr_int("exclusive", 0) != 0;
  reverse_ = ctx.node().attr_int("reverse", 0) != 0;
  return Status::ok();
}

Status CumulativeFamilyOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
  const ValueType& x = ctx.input(0);
  std::optional<std::vector<int64_t>> axis = ctx.input(1).int_values();
  if (axis && axis->size() != 1) return ctx.input_error(1, "axis must hold one value");
  if (axis && x.has_shape && !normalize_axis((*axis)[0], std::max(x.rank(), 1)))
    return ctx.input_error(1, "axis " + std::to_string((*axis)[0]) + " is out of range for rank " +
                                  std::to_string(x.rank()));
  ctx.output(0) = x.type_only();
  return Status::ok();
}

Status CumulativeFamilyOp::run(RunContext& ctx) const {
  const Tensor& x = ctx.input(0);
  const Tensor& axis_t = ctx.input(1);
  if (axis_t.numel() != 1) return ctx.error("axis must hold one value");
  const int64_t rank = std::max(x.rank(), 1);
  std::optional<int64_t> axis = normalize_axis(int_at(axis_t, 0), rank);
  if (!axis)
    return ctx.error("axis " + std::to_string(int_at(axis_t, 0)) + " is out of range for rank " +
                     std::to_string(x.rank()));
  const AxisView v = x.rank() == 0 ? AxisView{} : axis_view(x.shape(), *axis);
  visit_dtype<Types>(x.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using W = Wide<T>;
    const T* src = x.data<T>();
    T* dst = ctx.output(0).data<T>();
    if (kind_ == ScanKind::kSum)
      scan_axis<T>(src, dst, v, exclusive_, reverse_, W(0),
                   [](W a, W b) { return static_cast<W>(a + b); });
    else
      scan_axis<T>(src, dst, v, exclusive_, reverse_, W(1),
                   [](W a, W b) { return static_cast<W>(a * b); });
  });
  return Status::ok();
}

}  // namespace onyx::ops
