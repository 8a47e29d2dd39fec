// Clip: y = min(max(x, lo), hi) (numpy.clip order: lo > hi gives hi everywhere; NaN stays NaN).
// Opsets 1..10: float attributes `min`/`max` (defaults: the type's lowest/highest value).
// Opset 11+: optional scalar inputs 1 (min) and 2 (max) of x's element type; absent = no bound.
// Element types: float32 (SIMD), float64, float16/bfloat16 (via float32), int8..int64,
// uint8..uint64.
#include <limits>

#include "base/half.h"
#include "kernels/elementwise_parallel.h"
#include "kernels/unary.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

constexpr std::initializer_list<DType> kClipTypes = {
    DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16,
    DType::kInt8,    DType::kInt16,   DType::kInt32,   DType::kInt64,
    DType::kUInt8,   DType::kUInt16,  DType::kUInt32,  DType::kUInt64};

// Element-wise clip in type C (the compute type) of storage type T.
template <class T, class C, class Load, class Store>
void clip_loop(const T* x, T* y, int64_t n, C lo, C hi, ThreadPool* pool, Load load, Store store) {
  kernels::parallel_ranges(pool, n, kernels::kElementwiseGrain, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      C v = load(x[i]);
      v = v < lo ? lo : v;
      y[i] = store(v > hi ? hi : v);
    }
  });
}

class ClipOp final : public OpKernel {
 public:
  Status init(const InitContext& ctx) override {
    if (ctx.opset() < 11) {
      attr_min_ = ctx.node().attr_float("min", std::numeric_limits<float>::lowest());
      attr_max_ = ctx.node().attr_float("max", std::numeric_limits<float>::max());
    }
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    const bool bounds_are_inputs = ctx.opset() >= 11;
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, bounds_are_inputs ? 3 : 1));
    if (bounds_are_inputs) {
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kClipTypes));
    } else {  // the float attributes cannot express integer bounds
      ONYX_RETURN_IF_ERROR(ctx.expect_dtype(
          0, {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16}));
    }
    const ValueType& x = ctx.input(0);
    for (int i = 1; i <= 2; ++i) {
      if (!ctx.has_input(i)) continue;
      const ValueType& bound = ctx.input(i);
      if (bound.dtype != x.dtype)
        return ctx.input_error(i, std::string("element type ") + dtype_name(bound.dtype) +
                                      " differs from input 0's " + dtype_name(x.dtype));
      if (bound.has_shape && bound.fully_known() && shape_numel(bound.dims) != 1)
        return ctx.input_error(i, "must be a scalar, got shape " + shape_to_string(bound.dims));
    }
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    for (int i = 1; i <= 2; ++i)
      if (ctx.has_input(i) && ctx.input(i).numel() != 1)
        return ctx.error("input " + std::to_string(i) + " must hold one value, got shape " +
                         shape_to_string(ctx.input(i).shape()));
    switch (x.dtype()) {
      case DType::kFloat32: {
        const float lo = bound<float>(ctx, 1), hi = bound<float>(ctx, 2);
        kernels::clip_f32(x.data<float>(), ctx.output(0).data<float>(), x.numel(), lo, hi,
                          ctx.pool());
        return Status::ok();
      }
      case DType::kFloat64:
        return plain<double>(ctx);
      case DType::kInt8:
        return plain<int8_t>(ctx);
      case DType::kInt16:
        return plain<int16_t>(ctx);
      case DType::kInt32:
        return plain<int32_t>(ctx);
      case DType::kInt64:
        return plain<int64_t>(ctx);
      case DType::kUInt8:
        return plain<uint8_t>(ctx);
      case DType::kUInt16:
        return plain<uint16_t>(ctx);
      case DType::kUInt32:
        return plain<uint32_t>(ctx);
      case DType::kUInt64:
        return plain<uint64_t>(ctx);
      case DType::kFloat16:
        return sixteen_bit<half_to_float, float_to_half>(ctx);
      case DType::kBFloat16:
        return sixteen_bit<bf16_to_float, float_to_bf16>(ctx);
      default:
        return ctx.error(std::string("element type ") + dtype_name(x.dtype()) + " not supported");
    }
  }

 private:
  // Bound i (1 = min, 2 = max) in type T: the input's value, else the attribute (opset < 11) or
  // the type's limit. `load` converts stored 16-bit floats.
  template <class T, class S = T>
  T bound(const RunContext& ctx, int i, T (*load)(S) = nullptr) const {
    if (ctx.has_input(i)) {
      const S raw = ctx.input(i).data<S>()[0];
      if constexpr (std::is_same_v<S, T>)
        return raw;
      else
        return load(raw);
    }
    if constexpr (std::is_floating_point_v<T>) {
      if (attr_min_) return static_cast<T>(i == 1 ? *attr_min_ : *attr_max_);
      return i == 1 ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    } else {
      return i == 1 ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
    }
  }

  template <class T>
  Status plain(RunContext& ctx) const {
    auto same = [](T v) { return v; };
    clip_loop<T, T>(ctx.input(0).data<T>(), ctx.output(0).data<T>(), ctx.input(0).numel(),
                    bound<T>(ctx, 1), bound<T>(ctx, 2), ctx.pool(), same, same);
    return Status::ok();
  }

  template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
  Status sixteen_bit(RunContext& ctx) const {
    clip_loop<uint16_t, float>(ctx.input(0).data<uint16_t>(), ctx.output(0).data<uint16_t>(),
                               ctx.input(0).numel(), bound<float, uint16_t>(ctx, 1, ToFloat),
                               bound<float, uint16_t>(ctx, 2, ToFloat), ctx.pool(), ToFloat,
                               FromFloat);
    return Status::ok();
  }

  std::optional<float> attr_min_, attr_max_;  // opsets < 11 only
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Clip, ClipOp)
