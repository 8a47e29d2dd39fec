// CumSum (opset 11; 14 adds float16/bfloat16): running sums of x along `axis` (input 1, an int32
// or int64 scalar or one-element tensor; negative counts from the end). Attributes: exclusive=1
// leaves out the element itself (the first output along the axis is 0); reverse=1 sums from the
// end of the axis. float16/bfloat16 accumulate in float32; integers wrap as their type does.
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/common/int_inputs.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using CumSumTypes =
    TypeList<float, double, int32_t, int64_t, uint32_t, uint64_t, Float16, BFloat16>;

class CumSumOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<CumSumTypes>();

  Status init(const InitContext& ctx) override {
    exclusive_ = ctx.node().attr_int("exclusive", 0) != 0;
    reverse_ = ctx.node().attr_int("reverse", 0) != 0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {DType::kInt32, DType::kInt64}));
    const ValueType& x = ctx.input(0);
    std::optional<std::vector<int64_t>> axis = ctx.input(1).int_values();
    if (axis && axis->size() != 1) return ctx.input_error(1, "axis must hold one value");
    if (axis && x.has_shape && !normalize_axis((*axis)[0], std::max(x.rank(), 1)))
      return ctx.input_error(1, "axis " + std::to_string((*axis)[0]) +
                                    " is out of range for rank " + std::to_string(x.rank()));
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& axis_t = ctx.input(1);
    if (axis_t.numel() != 1) return ctx.error("axis must hold one value");
    const int64_t rank = std::max(x.rank(), 1);  // a scalar acts as a 1-element vector
    std::optional<int64_t> axis = normalize_axis(int_at(axis_t, 0), rank);
    if (!axis)
      return ctx.error("axis " + std::to_string(int_at(axis_t, 0)) + " is out of range for rank " +
                       std::to_string(x.rank()));
    const AxisView v = x.rank() == 0 ? AxisView{} : axis_view(x.shape(), *axis);
    visit_dtype<CumSumTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      T* dst = ctx.output(0).data<T>();
      for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t i = 0; i < v.inner; ++i) {
          Wide<T> sum{};
          for (int64_t k = 0; k < v.dim; ++k) {
            const int64_t a = reverse_ ? v.dim - 1 - k : k;
            const int64_t at = (o * v.dim + a) * v.inner + i;
            const Wide<T> value = widen(src[at]);
            if (!exclusive_) sum = static_cast<Wide<T>>(sum + value);
            dst[at] = narrow<T>(sum);
            if (exclusive_) sum = static_cast<Wide<T>>(sum + value);
          }
        }
    });
    return Status::ok();
  }

 private:
  bool exclusive_ = false, reverse_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(CumSum, CumSumOp)
