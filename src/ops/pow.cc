// Pow: elementwise X ^ Y with broadcasting; the output has X's element type.
// Opsets 1..6: float types only, legacy broadcast/axis attributes. Opset 7: numpy broadcasting.
// Opset 12: X (T) also int32/int64, Y (T1) any numeric type, independent of T. Opset 15: bfloat16.
// Numerics: float X computes in its compute type (float for float16/bfloat16) and float32 X with
// a constant scalar Y of 1, 2 or 0.5 takes exact shortcuts; integer X with integer Y multiplies
// (wrapping; a negative Y truncates 1/X^|Y| toward zero); integer X with float Y rounds the
// double-precision power toward zero (0 when it is not finite).
#include <cmath>
#include <type_traits>

#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

template <class T, class E>
T int_power(T x, E e) {
  using U = std::make_unsigned_t<T>;
  if constexpr (std::is_signed_v<E>) {
    if (e < 0) {
      if (x == T(-1)) return e % 2 == 0 ? T(1) : T(-1);
      return x == T(1) ? T(1) : T(0);
    }
  }
  U result = 1, base = U(x);
  for (auto n = e; n > 0; n /= 2) {  // wrapping square-and-multiply, unsigned arithmetic
    if (n % 2) result = U(result * base);
    base = U(base * base);
  }
  return T(result);
}

template <class T, class E>
T power(T x, E e) {
  if constexpr (std::is_floating_point_v<compute_t<T>>) {
    using C = compute_t<T>;
    if constexpr (std::is_integral_v<E>)
      return narrow<T>(C(std::pow(widen(x), C(e))));
    else
      return narrow<T>(C(std::pow(widen(x), C(widen(e)))));
  } else if constexpr (std::is_integral_v<E>) {
    return int_power(x, e);
  } else {
    const double r = std::trunc(std::pow(double(x), double(widen(e))));
    return std::isfinite(r) ? T(r) : T(0);
  }
}

class PowOp final : public BroadcastBinaryOp {
 public:
  using BaseTypes = types::Concat<types::Float, TypeList<int32_t, int64_t>>;
  using ExponentTypes = types::Numeric;
  static constexpr DTypeSet kElementTypes = dtype_set<BaseTypes>();

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, dtype_set<ExponentTypes>()));
    return ctx.input(0).dtype;
  }

  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    if (a.dtype() == DType::kFloat32 && b.dtype() == DType::kFloat32 && b.numel() == 1 &&
        scalar_shortcut(plan, a.data<float>(), b.data<float>()[0], out.data<float>(), ctx.pool()))
      return Status::ok();
    bool ok = false;
    visit_dtype<BaseTypes>(a.dtype(), [&](auto base_tag) {
      using T = typename decltype(base_tag)::type;
      ok = visit_dtype<ExponentTypes>(b.dtype(), [&](auto exp_tag) {
        using E = typename decltype(exp_tag)::type;
        kernels::broadcast_map(plan, a.data<T>(), b.data<E>(), out.data<T>(), ctx.pool(),
                               [](T x, E e) { return power(x, e); });
      });
    });
    return ok ? Status::ok()
              : ctx.error(std::string("element types ") + dtype_name(a.dtype()) + " ^ " +
                          dtype_name(b.dtype()) + " are not supported");
  }

 private:
  // X^1, X^2 and X^0.5 for a scalar exponent (the common cases of exported models).
  static bool scalar_shortcut(const kernels::BroadcastPlan& plan, const float* x, float e,
                              float* out, ThreadPool* pool) {
    if (e != 1.0f && e != 2.0f && e != 0.5f) return false;
    kernels::broadcast_map(plan, x, &e, out, pool, [e](float v, float) {
      if (e == 2.0f) return v * v;
      if (e == 0.5f) return v == -INFINITY ? INFINITY : std::sqrt(v) + 0.0f;  // pow(-0, .5) = +0
      return v;
    });
    return true;
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Pow, PowOp)
