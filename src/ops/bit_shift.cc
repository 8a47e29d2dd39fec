// BitShift: elementwise X << Y or X >> Y (attribute `direction`, "LEFT" or "RIGHT", required) of
// unsigned integers with broadcasting. Since opset 11. Bits shifted out are lost; a shift amount
// of the type's width or more gives 0 (C++ leaves it undefined).
#include "ops/common/binary_common.h"

namespace onyx::ops {
namespace {

class BitShiftOp final : public BroadcastBinaryOp {
 public:
  using Types = types::UnsignedInt;
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

  Status init(const InitContext& ctx) override {
    ONYX_RETURN_IF_ERROR(BroadcastBinaryOp::init(ctx));
    const std::string direction = ctx.node().attr_string("direction", "");
    if (direction != "LEFT" && direction != "RIGHT")
      return ctx.error("attribute direction must be \"LEFT\" or \"RIGHT\", got \"" + direction +
                       "\"");
    left_ = direction == "LEFT";
    return Status::ok();
  }

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
    return ctx.input(0).dtype;
  }

  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    const bool ok = visit_dtype<Types>(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      constexpr T kBits = T(sizeof(T) * 8);
      // Promote narrow types past int so the shift is done in an unsigned type.
      using W = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, T>;
      if (left_)
        kernels::broadcast_map(plan, a.data<T>(), b.data<T>(), out.data<T>(), ctx.pool(),
                               [](T x, T n) { return n >= kBits ? T(0) : T(W(x) << n); });
      else
        kernels::broadcast_map(plan, a.data<T>(), b.data<T>(), out.data<T>(), ctx.pool(),
                               [](T x, T n) { return n >= kBits ? T(0) : T(W(x) >> n); });
    });
    return ok ? Status::ok() : ctx.error(unsupported_dtype_message(a.dtype(), kElementTypes));
  }

 private:
  bool left_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BitShift, BitShiftOp)
