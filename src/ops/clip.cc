// Clip: y = min(max(x, lo), hi) (numpy.clip order: lo > hi gives hi everywhere; NaN stays NaN).
// Opsets 1 (consumed_inputs, ignored), 6: float attributes `min`/`max` (defaults: no bound).
// Opset 11: optional scalar inputs 1 (min) and 2 (max) of x's element type; absent = no bound.
// Opset 12: integer types; 13: bfloat16. Float types at every opset, integers from opset 12.
#include <limits>
#include <optional>

#include "kernels/unary_scalar.h"
#include "ops/common/unary_common.h"

namespace onyx::ops {
namespace {

class ClipOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Numeric>();

  Status init(const InitContext& ctx) override {
    bounds_are_inputs_ = ctx.opset() >= 11;
    if (!bounds_are_inputs_) {
      if (ctx.node().has_attr("min")) attr_min_ = ctx.node().attr_float("min", 0.0f);
      if (ctx.node().has_attr("max")) attr_max_ = ctx.node().attr_float("max", 0.0f);
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, bounds_are_inputs_ ? 3 : 1));
    ONYX_RETURN_IF_ERROR(
        ctx.expect_dtype(0, ctx.opset() >= 12 ? kElementTypes : dtype_set<types::Float>()));
    const ValueType& x = ctx.input(0);
    for (int i = 1; i <= 2; ++i) {
      if (!ctx.has_input(i)) continue;
      const ValueType& bound = ctx.input(i);
      if (bound.dtype != x.dtype)
        return ctx.input_error(i, std::string("element type ") + dtype_name(bound.dtype) +
                                      " differs from input 0's " + dtype_name(x.dtype));
      if (bound.has_shape && bound.fully_known() && shape_numel(bound.dims) != 1)
        return ctx.input_error(i, "must be a scalar, got shape " + shape_to_string(bound.dims));
    }
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    for (int i = 1; i <= 2; ++i)
      if (ctx.has_input(i) && ctx.input(i).numel() != 1)
        return ctx.error("input " + std::to_string(i) + " must hold one value, got shape " +
                         shape_to_string(ctx.input(i).shape()));
    Status status = Status::ok();
    const bool ok = visit_dtype<types::Numeric>(x.dtype(), [&](auto tag) {
      using S = typename decltype(tag)::type;
      using C = unary_detail::compute_t<S>;
      const C lo = bound<S>(ctx, 1), hi = bound<S>(ctx, 2);
      std::optional<F32Kernel> f32;
      if constexpr (std::is_same_v<C, float>) f32 = F32Kernel{kernels::UnaryF32::kClip, {lo, hi}};
      status = map_unary<TypeList<S>>(
          ctx, [lo, hi](auto v) { return kernels::scalar::clip(v, lo, hi); }, f32);
    });
    if (!ok) return ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
    return status;
  }

 private:
  // Bound i (1 = min, 2 = max) in the compute type of storage type S: the input's value, else the
  // attribute (opsets < 11), else no bound (the type's infinity or limit).
  template <class S>
  unary_detail::compute_t<S> bound(const RunContext& ctx, int i) const {
    using C = unary_detail::compute_t<S>;
    if (ctx.has_input(i)) {
      const S raw = ctx.input(i).data<S>()[0];
      if constexpr (unary_detail::is_half_v<S>)
        return to_float(raw);
      else
        return raw;
    }
    const std::optional<float>& attr = i == 1 ? attr_min_ : attr_max_;
    if constexpr (std::is_floating_point_v<C>) {
      if (attr) return static_cast<C>(*attr);
      return i == 1 ? -std::numeric_limits<C>::infinity() : std::numeric_limits<C>::infinity();
    } else {
      return i == 1 ? std::numeric_limits<C>::lowest() : std::numeric_limits<C>::max();
    }
  }

  bool bounds_are_inputs_ = true;
  std::optional<float> attr_min_, attr_max_;  // opsets < 11 only
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Clip, ClipOp)
