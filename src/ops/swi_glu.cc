// SwiGLU (opset 28): Y = Swish_alpha(A) * B = A * sigmoid(alpha * A) * B, alpha default 1.0.
// A and B have identical shapes (no broadcasting) and the same float type; float16/bfloat16
// compute in float32. Work goes in blocks of kBlock elements through a float buffer on the stack,
// so Y may alias A or B.
#include <algorithm>

#include "kernels/elementwise_parallel.h"
#include "kernels/unary.h"
#include "kernels/unary_scalar.h"
#include "ops/common/float_widen.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

constexpr int64_t kBlock = 256;

class SwiGluOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    alpha_ = ctx.node().attr_float("alpha", 1.0f);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 2));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, {ctx.input(0).dtype}));
    const ValueType& a = ctx.input(0);
    const ValueType& b = ctx.input(1);
    ctx.output(0) = a.type_only();
    if (!a.has_shape || !b.has_shape) {
      if (b.has_shape) ctx.output(0) = b.type_only();
      return Status::ok();
    }
    const std::string mismatch = "shape " + shape_to_string(b.dims) + " differs from A's " +
                                 shape_to_string(a.dims) + " (SwiGLU does not broadcast)";
    if (a.rank() != b.rank()) return ctx.input_error(1, mismatch);
    Shape& y = ctx.output(0).dims;
    for (size_t i = 0; i < y.size(); ++i) {
      if (dim_known(a.dims[i]) && dim_known(b.dims[i]) && a.dims[i] != b.dims[i])
        return ctx.input_error(1, mismatch);
      if (!dim_known(y[i]) && dim_known(b.dims[i])) y[i] = b.dims[i];
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& a = ctx.input(0);
    if (ctx.input(1).numel() != a.numel())
      return ctx.error("A and B hold different element counts");
    const bool ok = visit_dtype<types::Float>(a.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* pa = a.data<T>();
      const T* pb = ctx.input(1).data<T>();
      T* py = ctx.output(0).data<T>();
      kernels::parallel_ranges(ctx.pool(), a.numel(), kernels::kTranscendentalGrain,
                               [&](int64_t begin, int64_t end) { apply(pa, pb, py, begin, end); });
    });
    if (!ok) return ctx.error(unsupported_dtype_message(a.dtype(), kElementTypes));
    return Status::ok();
  }

 private:
  template <class T>
  void apply(const T* a, const T* b, T* y, int64_t begin, int64_t end) const {
    if constexpr (std::is_same_v<T, double>) {
      for (int64_t i = begin; i < end; ++i)
        y[i] = kernels::scalar::swish(a[i], double{alpha_}) * b[i];
    } else {
      float gate[kBlock];
      for (int64_t at = begin; at < end; at += kBlock) {
        const int64_t n = std::min(kBlock, end - at);
        for (int64_t i = 0; i < n; ++i) gate[i] = widen(a[at + i]);
        kernels::unary_f32(kernels::UnaryF32::kSwish, gate, gate, n, {alpha_, 0.0f});
        for (int64_t i = 0; i < n; ++i) y[at + i] = narrow<T>(gate[i] * widen(b[at + i]));
      }
    }
  }

  float alpha_ = 1.0f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SwiGLU, SwiGluOp)
