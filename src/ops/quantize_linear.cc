// QuantizeLinear: y = saturate(rint(x / y_scale) + y_zero_point) for integer outputs; float8
// outputs are x / y_scale converted (saturate attribute), float4 x / y_scale + zero point.
// Scale layouts: ops/common/quant_common.h.
//   opset 10: per-tensor, x float32/int32, y uint8/int8
//   opset 13: axis (default 1) for per-axis scales
//   opset 19: float16/bfloat16 x and scales, float8 outputs, saturate (default 1)
//   opset 21: blocked (block_size), output_dtype, int16/uint16/int4/uint4 outputs
//   opset 23: float4e2m1 output; precision (the type of the x / scale division, default: x's)
//   opset 25: int2/uint2 outputs
// The output type is the zero point's, else output_dtype, else uint8.
#include <cmath>

#include "kernels/quant.h"
#include "ops/common/cast_common.h"
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class QuantizeLinearOp final : public OpKernel {
 public:
  // x: float32, float16, bfloat16, int32.
  static constexpr DTypeSet kElementTypes = {DType::kFloat32, DType::kFloat16, DType::kBFloat16,
                                             DType::kInt32};

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 1);
    saturate_ = ctx.node().attr_int("saturate", 1) != 0;
    block_size_ = ctx.node().attr_int("block_size", 0);
    if (block_size_ < 0) return ctx.error("block_size must be >= 0");
    output_dtype_ = static_cast<DType>(ctx.node().attr_int("output_dtype", 0));
    const auto precision = static_cast<DType>(ctx.node().attr_int("precision", 0));
    if (precision != DType::kUndefined && precision != DType::kFloat32)
      return ctx.not_implemented(std::string("precision ") + dtype_name(precision) +
                                 " (only float32 division is implemented)");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kScaleDTypes));
    DType out = output_dtype_ == DType::kUndefined ? DType::kUInt8 : output_dtype_;
    if (ctx.has_input(2)) {
      const DType z = ctx.input(2).dtype;
      if (output_dtype_ != DType::kUndefined && z != output_dtype_)
        return ctx.input_error(2, std::string("type ") + dtype_name(z) +
                                      " differs from output_dtype " + dtype_name(output_dtype_));
      out = z;
    }
    if (!kQuantizedDTypes.contains(out))
      return ctx.not_implemented("quantizing to " +
                                 unsupported_dtype_message(out, kQuantizedDTypes));
    const ValueType& x = ctx.input(0);
    const ValueType& scale = ctx.input(1);
    if (x.has_shape && scale.has_shape)
      ONYX_RETURN_IF_ERROR(quant_layout(ctx, 1, x.dims, scale.dims, axis_, block_size_, nullptr));
    ValueType& y = ctx.output(0);
    y = x.type_only();
    y.dtype = out;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& scale = ctx.input(1);
    const Tensor* zero = ctx.has_input(2) ? &ctx.input(2) : nullptr;
    Tensor& y = ctx.output(0);
    const QuantLayout l = quant_layout(x.shape(), scale.shape(), axis_, block_size_);
    const bool fast = x.dtype() == DType::kFloat32 && scale.dtype() == DType::kFloat32 &&
                      (y.dtype() == DType::kUInt8 || y.dtype() == DType::kInt8) &&
                      l.inner_runs_share();
    l.for_each(
        fast,
        [&](int64_t first, int64_t count, int64_t j) {
          const float s = scale_at(scale, j);
          const int32_t z = zero_point_at(zero, j);
          if (y.dtype() == DType::kUInt8)
            kernels::quantize_f32(x.data<float>() + first, y.data<uint8_t>() + first, count, s, z,
                                  ctx.pool());
          else
            kernels::quantize_f32(x.data<float>() + first, y.data<int8_t>() + first, count, s, z,
                                  ctx.pool());
        },
        [&](int64_t i, int64_t j) { store(x, scale, zero, j, i, y); });
    return Status::ok();
  }

 private:
  // Element i of y from element i of x and parameter entry j.
  void store(const Tensor& x, const Tensor& scale, const Tensor* zero, int64_t j, int64_t i,
             Tensor& y) const {
    float q = static_cast<float>(element_as_double(x, i)) / scale_at(scale, j);
    // float16 / bfloat16 x with a scale of the same type: numpy divides in that type.
    if (x.dtype() == scale.dtype() && x.dtype() == DType::kFloat16)
      q = to_float(from_float<Float16>(q));
    else if (x.dtype() == scale.dtype() && x.dtype() == DType::kBFloat16)
      q = to_float(from_float<BFloat16>(q));
    if (is_quant_integer(y.dtype())) {
      int64_t lo = 0, hi = 0;
      quant_range(y.dtype(), &lo, &hi);
      const double v = std::nearbyint(static_cast<double>(q)) + zero_point_at(zero, j);
      store_element(y, i,
                    std::isnan(v)
                        ? static_cast<double>(lo)
                        : std::clamp(v, static_cast<double>(lo), static_cast<double>(hi)));
    } else if (y.dtype() == DType::kFloat4E2M1) {
      const double z = zero ? element_as_double(*zero, j) : 0.0;
      store_element(y, i, static_cast<double>(q) + z, true);
    } else {
      store_element(y, i, q, saturate_);
    }
  }

  int64_t axis_ = 1;
  bool saturate_ = true;
  int64_t block_size_ = 0;
  DType output_dtype_ = DType::kUndefined;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(QuantizeLinear, QuantizeLinearOp)
