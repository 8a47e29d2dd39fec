// Mod: elementwise remainder of A / B with broadcasting. Since opset 10 (13: bfloat16).
// Attribute fmod (default 0): 0 = integer remainder with the sign of the divisor (Python's %),
// 1 = truncated remainder with the sign of the dividend (C's fmod / %). Float types require
// fmod=1 (spec); they compute in float (float16/bfloat16) or natively. An integer zero divisor is
// a RuntimeException from run(); MIN % -1 is 0.
#include <cmath>
#include <type_traits>

#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

template <class T>
T truncated_mod(T x, T y) {
  if constexpr (std::is_signed_v<T>)
    if (y == T(-1)) return T(0);  // avoids MIN % -1 overflow
  return T(x % y);
}

template <class T>
T floored_mod(T x, T y) {
  T r = truncated_mod(x, y);
  if constexpr (std::is_signed_v<T>)
    if (r != 0 && ((r < 0) != (y < 0))) r = T(r + y);
  return r;
}

class ModOp final : public BroadcastBinaryOp {
 public:
  using Types = types::Numeric;
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(BroadcastBinaryOp::init(ctx));
    const int64_t fmod = ctx.node().attr_int("fmod", 0);
    if (fmod != 0 && fmod != 1)
      return ctx.error("attribute fmod must be 0 or 1, got " + std::to_string(fmod));
    fmod_ = fmod == 1;
    return Status::ok();
  }

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
    const DType t = ctx.input(0).dtype;
    if (!fmod_ && dtype_set<types::Float>().contains(t))
      return ctx.error(std::string("floating-point inputs (") + dtype_name(t) +
                       ") require attribute fmod=1");
    return t;
  }

  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    Status status = Status::ok();
    const bool ok = visit_dtype<Types>(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* x = a.data<T>();
      const T* y = b.data<T>();
      if constexpr (std::is_floating_point_v<compute_t<T>>) {
        kernels::broadcast_map(plan, x, y, out.data<T>(), ctx.pool(),
                               [](T p, T q) { return narrow<T>(std::fmod(widen(p), widen(q))); });
      } else {
        for (int64_t i = 0; i < b.numel(); ++i)
          if (y[i] == T(0)) {
            status =
                ctx.error(std::string("integer modulo by zero (") + dtype_name(b.dtype()) + ")");
            return;
          }
        if (fmod_)
          kernels::broadcast_map(plan, x, y, out.data<T>(), ctx.pool(), truncated_mod<T>);
        else
          kernels::broadcast_map(plan, x, y, out.data<T>(), ctx.pool(), floored_mod<T>);
      }
    });
    if (!ok) return ctx.error(unsupported_dtype_message(a.dtype(), kElementTypes));
    return status;
  }

 private:
  bool fmod_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Mod, ModOp)
