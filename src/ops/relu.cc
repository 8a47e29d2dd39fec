// Relu: y = max(x, 0). float32 (SIMD), float64, float16/bfloat16 (via float32) and signed
// integers (int8..int64, added to the op in opset 14; accepted at every opset). NaN stays NaN.
#include "base/half.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/unary.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

template <class T, class Load, class Store>
void relu_loop(const void* x, void* y, int64_t n, ThreadPool* pool, Load load, Store store) {
  const T* in = static_cast<const T*>(x);
  T* out = static_cast<T*>(y);
  kernels::parallel_ranges(pool, n, kernels::kElementwiseGrain, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const auto v = load(in[i]);
      out[i] = store(v < 0 ? decltype(v)(0) : v);
    }
  });
}

template <class T>
void relu_plain(const Tensor& x, Tensor& y, ThreadPool* pool) {
  auto same = [](T v) { return v; };
  relu_loop<T>(x.raw_data(), y.raw_data(), x.numel(), pool, same, same);
}

class ReluOp final : public OpKernel {
 public:
  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(
        ctx.expect_dtype(0, {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16,
                             DType::kInt8, DType::kInt16, DType::kInt32, DType::kInt64}));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    ThreadPool* pool = ctx.pool();
    switch (x.dtype()) {
      case DType::kFloat32:
        kernels::relu_f32(x.data<float>(), y.data<float>(), x.numel(), pool);
        break;
      case DType::kFloat64:
        relu_plain<double>(x, y, pool);
        break;
      case DType::kInt8:
        relu_plain<int8_t>(x, y, pool);
        break;
      case DType::kInt16:
        relu_plain<int16_t>(x, y, pool);
        break;
      case DType::kInt32:
        relu_plain<int32_t>(x, y, pool);
        break;
      case DType::kInt64:
        relu_plain<int64_t>(x, y, pool);
        break;
      case DType::kFloat16:
        relu_loop<uint16_t>(x.raw_data(), y.raw_data(), x.numel(), pool, half_to_float,
                            float_to_half);
        break;
      case DType::kBFloat16:
        relu_loop<uint16_t>(x.raw_data(), y.raw_data(), x.numel(), pool, bf16_to_float,
                            float_to_bf16);
        break;
      default:
        return ctx.error(std::string("element type ") + dtype_name(x.dtype()) + " not supported");
    }
    return Status::ok();
  }
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Relu, ReluOp)
