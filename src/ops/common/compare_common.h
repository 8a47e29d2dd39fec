// Family code of the comparison ops Equal, Less, Greater, LessOrEqual, GreaterOrEqual: two inputs
// of one element type, broadcast (binary_common.h), bool output. float32 runs the SIMD kernel
// (kernels/binary_compare.h); other types compare per element, float16/bfloat16 in float32.
// Any comparison with NaN is false.
#pragma once

#include "kernels/binary_compare.h"
#include "ops/common/binary_common.h"

namespace onyx::ops {

template <kernels::CompareOp Op, class Types>
class CompareBinaryOp : public BroadcastBinaryOp {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<Types>();

 protected:
  Result<DType> check_types(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(expect_same_dtype(ctx, kElementTypes));
    return DType::kBool;
  }
  Status compute(RunContext& ctx, const kernels::BroadcastPlan& plan, const Tensor& a,
                 const Tensor& b, Tensor& out) const override {
    if (a.dtype() == DType::kFloat32) {
      kernels::compare_f32(Op, plan, a.data<float>(), b.data<float>(), out.data<bool>(),
                           ctx.pool());
      return Status::ok();
    }
    const bool ok = visit_dtype<Types>(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      kernels::broadcast_map(
          plan, a.data<T>(), b.data<T>(), out.data<bool>(), ctx.pool(),
          [](const T& x, const T& y) { return kernels::compare_values(Op, widen(x), widen(y)); });
    });
    return ok ? Status::ok() : ctx.error(unsupported_dtype_message(a.dtype(), kElementTypes));
  }
};

}  // namespace onyx::ops
