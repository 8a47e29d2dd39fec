#include "ops/common/binary_common.h"

#include "base/half.h"
#include "ops/common/broadcast.h"

namespace onyx::ops {
namespace {

constexpr std::initializer_list<DType> kArithmeticTypes = {
    DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16,
    DType::kInt8,    DType::kInt16,   DType::kInt32,   DType::kInt64,
    DType::kUInt8,   DType::kUInt16,  DType::kUInt32,  DType::kUInt64};

template <class T>
bool has_zero(const Tensor& t) {
  const T* p = t.data<T>();
  for (int64_t i = 0; i < t.numel(); ++i)
    if (p[i] == T(0)) return true;
  return false;
}

// float16 / bfloat16: compute each element in float32 and round back.
template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
void run_converted(kernels::BinaryOp op, const kernels::BroadcastPlan& plan, const uint16_t* a,
                   const uint16_t* b, uint16_t* out, ThreadPool* pool) {
  const int64_t sa = plan.a_step, sb = plan.b_step;
  kernels::for_each_broadcast_row(
      plan, a, b, out, pool, kernels::kElementwiseGrain / 4,
      [&](const uint16_t* ra, const uint16_t* rb, uint16_t* ro, int64_t n) {
        for (int64_t i = 0; i < n; ++i) {
          const float x = ToFloat(ra[i * sa]), y = ToFloat(rb[i * sb]);
          float r = 0;
          switch (op) {
            case kernels::BinaryOp::kAdd:
              r = x + y;
              break;
            case kernels::BinaryOp::kSub:
              r = x - y;
              break;
            case kernels::BinaryOp::kMul:
              r = x * y;
              break;
            case kernels::BinaryOp::kDiv:
              r = x / y;
              break;
          }
          ro[i] = FromFloat(r);
        }
      });
}

}  // namespace

Status BinaryArithmeticOp::init(const InitContext& ctx) {
  legacy_ = ctx.opset() < 7;
  if (legacy_) {
    legacy_broadcast_ = ctx.node().attr_int("broadcast", 0) != 0;
    if (ctx.node().has_attr("axis")) legacy_axis_ = ctx.node().attr_int("axis", 0);
  }
  return Status::ok();
}

Result<Shape> BinaryArithmeticOp::effective_b_dims(const Shape& a, const Shape& b) const {
  if (!legacy_) return b;
  auto fail = [&](const std::string& why) {
    return Status(StatusCode::kInvalidGraph, "legacy broadcast (opset < 7) of " +
                                                 dims_to_string(a) + " and " + dims_to_string(b) +
                                                 ": " + why);
  };
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

Status BinaryArithmeticOp::infer(InferContext& ctx) const {
  ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kArithmeticTypes));
  ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kArithmeticTypes));
  const ValueType& a = ctx.input(0);
  const ValueType& b = ctx.input(1);
  if (a.dtype != b.dtype)
    return ctx.error(std::string("inputs must have the same element type, got ") +
                     dtype_name(a.dtype) + " and " + dtype_name(b.dtype));
  ValueType out;
  out.dtype = a.dtype;
  if (a.has_shape && b.has_shape) {
    Result<Shape> b_eff = effective_b_dims(a.dims, b.dims);
    if (!b_eff) return ctx.error(b_eff.status().message());
    Result<Shape> dims = broadcast_dims(a.dims, b_eff.value());
    if (!dims) return ctx.error(dims.status().message());
    out.has_shape = true;
    out.dims = std::move(dims).value();
  }
  ctx.output(0) = std::move(out);
  return Status::ok();
}

Status BinaryArithmeticOp::prepare(PrepareContext& ctx) {
  planned_a_ = ctx.input(0).dims;
  planned_b_ = ctx.input(1).dims;
  ONYX_ASSIGN_OR_RETURN(Shape b_eff, effective_b_dims(planned_a_, planned_b_));
  plan_ = kernels::make_broadcast_plan(planned_a_, b_eff);
  return Status::ok();
}

Status BinaryArithmeticOp::run(RunContext& ctx) const {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  Tensor& out = ctx.output(0);
  const kernels::BroadcastPlan* plan = &plan_;
  kernels::BroadcastPlan local;
  if (a.shape() != planned_a_ || b.shape() != planned_b_) {  // not the prepared shapes
    Result<Shape> b_eff = effective_b_dims(a.shape(), b.shape());
    if (!b_eff) return ctx.error(b_eff.status().message());
    if (Result<Shape> dims = broadcast_dims(a.shape(), b_eff.value());
        !dims || *dims != out.shape())
      return ctx.error("input shapes " + shape_to_string(a.shape()) + " and " +
                       shape_to_string(b.shape()) + " do not give the output shape " +
                       shape_to_string(out.shape()));
    local = kernels::make_broadcast_plan(a.shape(), b_eff.value());
    plan = &local;
  }
  ThreadPool* pool = ctx.pool();
  auto integer = [&](auto tag) -> Status {
    using T = decltype(tag);
    if (op_ == kernels::BinaryOp::kDiv && has_zero<T>(b))
      return ctx.error(std::string("integer division by zero (") + dtype_name(b.dtype()) + ")");
    kernels::binary_int<T>(op_, *plan, a.data<T>(), b.data<T>(), out.data<T>(), pool);
    return Status::ok();
  };
  switch (a.dtype()) {
    case DType::kFloat32:
      kernels::binary_f32(op_, *plan, a.data<float>(), b.data<float>(), out.data<float>(), pool);
      return Status::ok();
    case DType::kFloat64:
      kernels::binary_f64(op_, *plan, a.data<double>(), b.data<double>(), out.data<double>(), pool);
      return Status::ok();
    case DType::kFloat16:
      run_converted<half_to_float, float_to_half>(op_, *plan, a.data<uint16_t>(),
                                                  b.data<uint16_t>(), out.data<uint16_t>(), pool);
      return Status::ok();
    case DType::kBFloat16:
      run_converted<bf16_to_float, float_to_bf16>(op_, *plan, a.data<uint16_t>(),
                                                  b.data<uint16_t>(), out.data<uint16_t>(), pool);
      return Status::ok();
    case DType::kInt8:
      return integer(int8_t{});
    case DType::kInt16:
      return integer(int16_t{});
    case DType::kInt32:
      return integer(int32_t{});
    case DType::kInt64:
      return integer(int64_t{});
    case DType::kUInt8:
      return integer(uint8_t{});
    case DType::kUInt16:
      return integer(uint16_t{});
    case DType::kUInt32:
      return integer(uint32_t{});
    case DType::kUInt64:
      return integer(uint64_t{});
    default:
      return ctx.error(std::string("element type ") + dtype_name(a.dtype()) + " not supported");
  }
}

}  // namespace onyx::ops
