// NonZero (opset 9; 13 adds bfloat16): the coordinates of the non-zero elements of x, in row-major
// order, as an int64 tensor [rank(x), count] (numpy.nonzero stacked). NaN counts as non-zero.
// The count depends on the values, so the output is allocated by run().
#include "ops/common/float_widen.h"
#include "ops/common/index_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class NonZeroOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Pod>();

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = DType::kInt64;
    if (x.has_shape) {
      ctx.output(0).has_shape = true;
      ctx.output(0).dims = {x.rank(), kUnknownDim};
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t n = x.numel(), rank = x.rank();
    visit_dtype<types::Pod>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* src = x.data<T>();
      auto nonzero = [&](int64_t i) { return widen(src[i]) != Wide<T>{}; };
      int64_t count = 0;
      for (int64_t i = 0; i < n; ++i) count += nonzero(i) ? 1 : 0;
      Tensor& out = ctx.allocate_output(0, DType::kInt64, {rank, count});
      int64_t* y = out.data<int64_t>();
      int64_t k = 0;
      for (int64_t i = 0; i < n; ++i) {
        if (!nonzero(i)) continue;
        int64_t rest = i;  // row-major coordinates of i, last dim first
        for (int64_t d = rank - 1; d >= 0; --d) {
          y[d * count + k] = rest % x.dim(static_cast<int>(d));
          rest /= x.dim(static_cast<int>(d));
        }
        ++k;
      }
    });
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(NonZero, NonZeroOp)
