// Shared by the quantization ops: QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear,
// MatMulInteger, QLinearMatMul, ConvInteger, QLinearConv.
//
// Scale / zero-point layouts (QuantizeLinear and DequantizeLinear):
//   per-tensor  scale is a scalar or has one element
//   per-axis    scale is 1-D of x.dims[axis] entries (opset 13+)
//   blocked     block_size > 0 (opset 21+): scale has x's rank and dims, except dims[axis] =
//               ceil(x.dims[axis] / block_size); element a along the axis uses entry a / block_size
// The zero point, when given, has the scale's shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/conv.h"
#include "ops/common/pool_attrs.h"
#include "ops/op.h"

namespace onyx::ops {

// Element types QuantizeLinear produces / DequantizeLinear reads ("T2"/"T1").
inline constexpr DTypeSet kQuantizedDTypes = {
    DType::kUInt8,      DType::kInt8,           DType::kUInt16,       DType::kInt16,
    DType::kUInt4,      DType::kInt4,           DType::kFloat8E4M3FN, DType::kFloat8E4M3FNUZ,
    DType::kFloat8E5M2, DType::kFloat8E5M2FNUZ, DType::kFloat4E2M1,   DType::kUInt2,
    DType::kInt2};
// Scale types: float, float16, bfloat16.
inline constexpr DTypeSet kScaleDTypes = {DType::kFloat32, DType::kFloat16, DType::kBFloat16};

// x viewed as [outer, axis_len, inner] and the scale entry each element uses.
struct QuantLayout {
  int64_t outer = 1, axis_len = 1, inner = 1;
  int64_t block = 0;           // > 0: blocked
  int64_t param_axis_len = 1;  // blocked: scale.dims[axis]
  bool per_tensor = true;
  int64_t param_index(int64_t o, int64_t a, int64_t in) const {
    if (per_tensor) return 0;
    if (block == 0) return a;
    return (o * param_axis_len + a / block) * inner + in;
  }
  // True when every element of an inner run (fixed o, a) shares one scale entry.
  bool inner_runs_share() const { return per_tensor || block == 0 || inner == 1; }

  // Visits every element of x in order. With `by_runs` (only when inner_runs_share()), calls
  // run(first, count, j) once per inner run of `count` elements starting at flat index `first`
  // that all use parameter entry j; otherwise element(i, j) per element i.
  template <typename RunFn, typename ElementFn>
  void for_each(bool by_runs, RunFn&& run, ElementFn&& element) const {
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t a = 0; a < axis_len; ++a) {
        const int64_t base = (o * axis_len + a) * inner;
        if (by_runs) {
          run(base, inner, param_index(o, a, 0));
          continue;
        }
        for (int64_t in = 0; in < inner; ++in) element(base + in, param_index(o, a, in));
      }
  }
};

// Checks scale_dims against x_dims (see above; dims may be unknown during inference, then
// unchecked) and fills `out` when both are concrete. Errors name input `scale_input`.
Status quant_layout(const InferContext& ctx, int scale_input, const Shape& x_dims,
                    const Shape& scale_dims, int64_t axis, int64_t block_size, QuantLayout* out);
QuantLayout quant_layout(const Shape& x_dims, const Shape& scale_dims, int64_t axis,
                         int64_t block_size);

// Element j of a float32/float16/bfloat16 tensor as float.
float scale_at(const Tensor& t, int64_t j);
// Element j of an integer tensor as int32 (0 for a null tensor).
int32_t zero_point_at(const Tensor* t, int64_t j);
// Smallest and largest value of an integer quantized type.
void quant_range(DType t, int64_t* lo, int64_t* hi);
bool is_quant_integer(DType t);

// a_scale * b_scale / y_scale evaluated in the scales' type (float16 / bfloat16 round after each
// step, as numpy does), as double.
double requant_multiplier(const Tensor& a_scale, const Tensor& b_scale, const Tensor& y_scale);
// clamp(rint(acc * multiplier + y_zero), T's range), stored into element i of `y` (int8/uint8).
void store_requantized(Tensor& y, int64_t i, double value);

// numpy.matmul shapes of A [..., M, K] and B [..., K, N] (1-D operands promoted and squeezed
// back, batch dims broadcast) during inference.
Status infer_matmul_dims(InferContext& ctx, int a_input, int b_input, Shape* out);

// Concrete batched integer matmul: C (int32, numpy.matmul shape) = (A - a_zero) (B - b_zero),
// A/B int8 or uint8. a_zero: per-tensor (1 entry) or per-row (M); b_zero: 1 or N entries.
Status int_matmul(const RunContext& ctx, const Tensor& a, const Tensor& b, const Tensor* a_zero,
                  const Tensor* b_zero, int32_t* c);

// ConvInteger / QLinearConv: window attributes, shape function and concrete geometry.
class QuantConvBase : public OpKernel {
 protected:
  Status init_conv(const InitContext& ctx);
  // X at x_input [N, C, spatial...], W at w_input [M, C/group, kernel...]; output 0 gets
  // [N, M, out...] of dtype `out_dtype`.
  Status infer_conv(InferContext& ctx, int x_input, int w_input, DType out_dtype) const;
  Status prepare_conv(PrepareContext& ctx, int x_input, int w_input);
  WindowAttrs attrs_;
  int64_t group_ = 1;
  kernels::ConvShape shape_;
};

}  // namespace onyx::ops
