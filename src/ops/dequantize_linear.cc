// DequantizeLinear: y = (x - x_zero_point) * x_scale, computed in float32 and stored as the
// output type. Scale layouts: ops/common/quant_common.h.
//   opset 10: per-tensor, x int8/uint8/int32
//   opset 13: axis (default 1) for per-axis scales
//   opset 19: float16/bfloat16 scales, float8 x (zero point must be 0 there)
//   opset 21: blocked (block_size), int16/uint16/int4/uint4 x
//   opset 23: float4e2m1 x, output_dtype (default: the scale's type)
//   opset 25: int2/uint2 x
#include "kernels/quant.h"
#include "ops/common/cast_common.h"
#include "ops/common/quant_common.h"

namespace onyx::ops {
namespace {

class DequantizeLinearOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = kQuantizedDTypes | DTypeSet{DType::kInt32};

  Status init(const InitContext& ctx) override {
    axis_ = ctx.node().attr_int("axis", 1);
    block_size_ = ctx.node().attr_int("block_size", 0);
    if (block_size_ < 0) return ctx.error("block_size must be >= 0");
    output_dtype_ = static_cast<DType>(ctx.node().attr_int("output_dtype", 0));
    if (output_dtype_ != DType::kUndefined && !kScaleDTypes.contains(output_dtype_))
      return ctx.error(std::string("output_dtype ") + dtype_name(output_dtype_) +
                       " is not float, float16 or bfloat16");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(2, 3));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(1, kScaleDTypes));
    if (ctx.has_input(2) && ctx.input(2).dtype != ctx.input(0).dtype)
      return ctx.input_error(2, std::string("type ") + dtype_name(ctx.input(2).dtype) +
                                    " differs from x's " + dtype_name(ctx.input(0).dtype));
    const ValueType& x = ctx.input(0);
    const ValueType& scale = ctx.input(1);
    if (x.has_shape && scale.has_shape)
      ONYX_RETURN_IF_ERROR(quant_layout(ctx, 1, x.dims, scale.dims, axis_, block_size_, nullptr));
    ValueType& y = ctx.output(0);
    y = x.type_only();
    y.dtype = output_dtype_ == DType::kUndefined ? scale.dtype : output_dtype_;
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const Tensor& scale = ctx.input(1);
    // Float8/float4 zero points are 0 by the spec; their codes are not subtracted.
    const bool integer_x = is_quant_integer(x.dtype()) || x.dtype() == DType::kInt32;
    const Tensor* zero = ctx.has_input(2) && integer_x ? &ctx.input(2) : nullptr;
    Tensor& y = ctx.output(0);
    const QuantLayout l = quant_layout(x.shape(), scale.shape(), axis_, block_size_);
    const bool fast = (x.dtype() == DType::kUInt8 || x.dtype() == DType::kInt8) &&
                      scale.dtype() == DType::kFloat32 && y.dtype() == DType::kFloat32 &&
                      l.inner_runs_share();
    l.for_each(
        fast,
        [&](int64_t first, int64_t count, int64_t j) {
          const float s = scale_at(scale, j);
          const int32_t z = zero_point_at(zero, j);
          if (x.dtype() == DType::kUInt8)
            kernels::dequantize_f32(x.data<uint8_t>() + first, y.data<float>() + first, count, s, z,
                                    ctx.pool());
          else
            kernels::dequantize_f32(x.data<int8_t>() + first, y.data<float>() + first, count, s, z,
                                    ctx.pool());
        },
        [&](int64_t i, int64_t j) {
          const float dx = integer_x ? static_cast<float>(element_as_double(x, i)) -
                                           static_cast<float>(zero_point_at(zero, j))
                                     : static_cast<float>(element_as_double(x, i));
          store_element(y, i, static_cast<double>(dx * scale_at(scale, j)));
        });
    return Status::ok();
  }

 private:
  int64_t axis_ = 1;
  int64_t block_size_ = 0;
  DType output_dtype_ = DType::kUndefined;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(DequantizeLinear, DequantizeLinearOp)
