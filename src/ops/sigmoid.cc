// Sigmoid: y = 1 / (1 + exp(-x)). float32 (SIMD), float64, float16/bfloat16 (via float32).
#include <cmath>

#include "base/half.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/unary.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

// Overflow-free form: e = exp(-|x|), sigmoid = x >= 0 ? 1/(1+e) : e/(1+e).
template <class T>
T sigmoid(T x) {
  const T e = std::exp(-std::fabs(x));
  return std::isnan(x) ? x : x < 0 ? e / (1 + e) : 1 / (1 + e);
}

template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
void sigmoid_16bit(const uint16_t* x, uint16_t* y, int64_t n, ThreadPool* pool) {
  kernels::parallel_ranges(pool, n, kernels::kTranscendentalGrain, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) y[i] = FromFloat(sigmoid(ToFloat(x[i])));
  });
}

class SigmoidOp final : public OpKernel {
 public:
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(
        ctx.expect_dtype(0, {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16}));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    const int64_t n = x.numel();
    switch (x.dtype()) {
      case DType::kFloat32:
        kernels::sigmoid_f32(x.data<float>(), y.data<float>(), n, ctx.pool());
        break;
      case DType::kFloat64: {
        const double* in = x.data<double>();
        double* out = y.data<double>();
        kernels::parallel_ranges(ctx.pool(), n, kernels::kTranscendentalGrain,
                                 [&](int64_t b, int64_t e) {
                                   for (int64_t i = b; i < e; ++i) out[i] = sigmoid(in[i]);
                                 });
        break;
      }
      case DType::kFloat16:
        sigmoid_16bit<half_to_float, float_to_half>(x.data<uint16_t>(), y.data<uint16_t>(), n,
                                                    ctx.pool());
        break;
      case DType::kBFloat16:
        sigmoid_16bit<bf16_to_float, float_to_bf16>(x.data<uint16_t>(), y.data<uint16_t>(), n,
                                                    ctx.pool());
        break;
      default:
        return ctx.error(std::string("element type ") + dtype_name(x.dtype()) + " not supported");
    }
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Sigmoid, SigmoidOp)
