// EyeLike (opset 9; 22 adds bfloat16): a 2-D tensor shaped like the input with ones on the k-th
// diagonal (column - row == k; k > 0 above the main diagonal) and zeros elsewhere. The output
// dtype is attribute `dtype` when given, else the input's.
#include <algorithm>

#include "ops/op.h"

namespace onyx::ops {
namespace {

class EyeLikeOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Pod>();

  Status init(const InitContext& ctx) override {
    k_ = ctx.node().attr_int("k", 0);
    if (ctx.node().has_attr("dtype")) {
      dtype_ = static_cast<DType>(ctx.node().attr_int("dtype", 0));
      if (!kElementTypes.contains(dtype_))
        return ctx.error("attribute dtype: " + unsupported_dtype_message(dtype_, kElementTypes));
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape && x.rank() != 2)
      return ctx.input_error(0, "expected a 2-D tensor, got rank " + std::to_string(x.rank()));
    ctx.output(0) = x.type_only();
    if (dtype_ != DType::kUndefined) ctx.output(0).dtype = dtype_;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    Tensor& out = ctx.output(0);
    const int64_t rows = out.dim(0), cols = out.dim(1);
    visit_dtype<types::Pod>(out.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* y = out.data<T>();
      T one;
      if constexpr (std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>)
        one = from_float<T>(1.0f);
      else
        one = T(1);
      std::fill_n(y, out.numel(), T{});
      for (int64_t r = std::max<int64_t>(0, -k_); r < rows && r + k_ < cols; ++r)
        y[r * cols + r + k_] = one;
    });
    return Status::ok();
  }

 private:
  int64_t k_ = 0;
  DType dtype_ = DType::kUndefined;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(EyeLike, EyeLikeOp)
