#include "ops/common/binary_common.h"

#include <type_traits>

#include "ops/common/broadcast.h"

namespace onyx::ops {
namespace {

template <class T>
bool has_zero(const Tensor& t) {
  const T* p = t.data<T>();
  for (int64_t i = 0; i < t.numel(); ++i)
    if (p[i] == T(0)) return true;
  return false;
}

template <class T>
T apply_arithmetic(kernels::BinaryOp op, T x, T y) {
  switch (op) {
    case kernels::BinaryOp::kAdd:
      return x + y;
    case kernels::BinaryOp::kSub:
      return x - y;
    case kernels::BinaryOp::kMul:
      return x * y;
    case kernels::BinaryOp::kDiv:
      return x / y;
    case kernels::BinaryOp::kMax:  // NaN propagates
      return x != x ? x : y != y ? y : (x < y ? y : x);
    case kernels::BinaryOp::kMin:
      return x != x ? x : y != y ? y : (y < x ? y : x);
  }
  return T(0);
}

}  // namespace

Status expect_same_dtype(InferContext& ctx, DTypeSet allowed) {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, allowed));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, allowed));
  const DType a = ctx.input(0).dtype, b = ctx.input(1).dtype;
  if (a != b)
    return ctx.error(std::string("inputs must have the same element type, got ") + dtype_name(a) +
                     " and " + dtype_name(b));
  return Status::ok();
}

Status BroadcastBinaryOp::init(const InitContext& ctx) {
  legacy_ = options_.legacy_attrs && ctx.opset() < 7;
  channel_b_ = options_.legacy_channel_b && ctx.opset() < 7;
  if (legacy_) {
    legacy_broadcast_ = ctx.node().attr_int("broadcast", 0) != 0;
    if (ctx.node().has_attr("axis")) legacy_axis_ = ctx.node().attr_int("axis", 0);
  }
  return Status::ok();
}

Result<Shape> BroadcastBinaryOp::effective_b_dims(const Shape& a, const Shape& b) const {
  auto fail = [&](const std::string& why) {
    return Status(StatusCode::kInvalidGraph,
                  (legacy_ ? "legacy broadcast (opset < 7) of " : "broadcast of ") +
                      dims_to_string(a) + " and " + dims_to_string(b) + ": " + why);
  };
  if (channel_b_ && b.size() == 1 && a.size() >= 2 && b[0] != 1 && b[0] == a[1]) {
    Shape eff(a.size(), 1);
    eff[1] = b[0];
    return eff;
  }
  if (!legacy_) {
    if (options_.unidirectional) {  // B must broadcast to exactly A's shape
      ONYX_ASSIGN_OR_RETURN(Shape dims, broadcast_dims(a, b));
      for (size_t k = 0; k < dims.size(); ++k)
        if (k >= a.size() || (dim_known(a[k]) && dims[k] != a[k]))
          return fail("B must broadcast unidirectionally to A's shape");
    }
    return b;
  }
  if (!legacy_broadcast_) {
    if (a != b) return fail("shapes must be equal unless attribute broadcast=1");
    return b;
  }
  const int64_t ra = static_cast<int64_t>(a.size()), rb = static_cast<int64_t>(b.size());
  if (rb > ra) return fail("B has higher rank than A");
  int64_t axis = legacy_axis_.value_or(ra - rb);
  if (axis < 0) axis += ra;
  if (axis < 0 || axis + rb > ra) return fail("axis " + std::to_string(axis) + " out of range");
  Shape eff(a.size(), 1);
  for (int64_t k = 0; k < rb; ++k) {
    const int64_t da = a[static_cast<size_t>(axis + k)], db = b[static_cast<size_t>(k)];
    if (db != 1 && dim_known(da) && dim_known(db) && da != db)
      return fail("B dim " + std::to_string(k) + " does not match A dim " +
                  std::to_string(axis + k));
    eff[static_cast<size_t>(axis + k)] = db;
  }
  return eff;
}

Status BroadcastBinaryOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
  ONYX_ASSIGN_OR_RETURN(DType out_dtype, check_types(ctx));
  const ValueType& a = ctx.input(0);
  const ValueType& b = ctx.input(1);
  ValueType out;
  out.dtype = out_dtype;
  if (a.has_shape && b.has_shape) {
    Result<Shape> b_eff = effective_b_dims(a.dims, b.dims);
    if (!b_eff) return ctx.error(b_eff.status().message());
    Result<Shape> dims = broadcast_dims(a.dims, b_eff.value());
    if (!dims) return ctx.error(dims.status().message());
    out.has_shape = true;
    out.dims = std::move(dims).value();
  } else if (a.has_shape && options_.unidirectional) {
    out.has_shape = true;
    out.dims = a.dims;
  }
  ctx.output(0) = std::move(out);
  return Status::ok();
}

Status BroadcastBinaryOp::prepare(PrepareContext& ctx) {
  planned_a_ = ctx.input(0).dims;
  planned_b_ = ctx.input(1).dims;
  ONYX_ASSIGN_OR_RETURN(Shape b_eff, effective_b_dims(planned_a_, planned_b_));
  plan_ = kernels::make_broadcast_plan(planned_a_, b_eff);
  return Status::ok();
}

Status BroadcastBinaryOp::run(RunContext& ctx) const {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  Tensor& out = ctx.output(0);
  if (a.shape() == planned_a_ && b.shape() == planned_b_) return compute(ctx, plan_, a, b, out);
  // Not the prepared shapes.
  Result<Shape> b_eff = effective_b_dims(a.shape(), b.shape());
  if (!b_eff) return ctx.error(b_eff.status().message());
  if (Result<Shape> dims = broadcast_dims(a.shape(), b_eff.value()); !dims || *dims != out.shape())
    return ctx.error("input shapes " + shape_to_string(a.shape()) + " and " +
                     shape_to_string(b.shape()) + " do not give the output shape " +
                     shape_to_string(out.shape()));
  return compute(ctx, kernels::make_broadcast_plan(a.shape(), b_eff.value()), a, b, out);
}

Status run_arithmetic(RunContext& ctx, kernels::BinaryOp op, const kernels::BroadcastPlan& plan,
                      const Tensor& a, const Tensor& b, Tensor& out) {
  ThreadPool* pool = ctx.pool();
  Status status = Status::ok();
  const bool visited = visit_dtype<types::Numeric>(a.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* x = a.data<T>();
    const T* y = b.data<T>();
    if constexpr (std::is_same_v<T, float>) {
      kernels::binary_f32(op, plan, x, y, out.data<T>(), pool);
    } else if constexpr (std::is_same_v<T, double>) {
      kernels::binary_f64(op, plan, x, y, out.data<T>(), pool);
    } else if constexpr (is_half_v<T>) {
      kernels::broadcast_map(plan, x, y, out.data<T>(), pool, [op](T p, T q) {
        return narrow<T>(apply_arithmetic(op, widen(p), widen(q)));
      });
    } else {
      if (op == kernels::BinaryOp::kDiv && has_zero<T>(b)) {
        status = ctx.error(std::string("integer division by zero (") + dtype_name(b.dtype()) + ")");
        return;
      }
      kernels::binary_int<T>(op, plan, x, y, out.data<T>(), pool);
    }
  });
  if (!visited) return ctx.error(unsupported_dtype_message(a.dtype(), dtype_set<types::Numeric>()));
  return status;
}

Result<DType> BinaryArithmeticOp::check_types(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
  return ctx.input(0).dtype;
}

}  // namespace onyx::ops
