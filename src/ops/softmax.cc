// Softmax. Opsets 1..12: the input is coerced to 2-D [prod(dims[:axis]), prod(dims[axis:])]
// (axis default 1) and softmax runs over each row. Opset 13+: softmax along `axis` alone
// (default -1). Element types: float32 (SIMD), float64, float16/bfloat16 (computed in float32
// through scratch memory).
#include "kernels/softmax.h"
#include "base/half.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SoftmaxOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<types::Float>();

  Status init(const InitContext& ctx) override {
    coerce_2d_ = ctx.opset() < 13;
    axis_ = ctx.node().attr_int("axis", coerce_2d_ ? 1 : -1);
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    if (x.has_shape) {
      // Opsets < 13 accept axis == rank (then every row has one element... of an empty tail).
      const int64_t rank = x.rank();
      const bool ok =
          coerce_2d_ ? (axis_ >= -rank && axis_ <= rank) : normalize_axis(axis_, rank).has_value();
      if (!ok)
        return ctx.error("axis " + std::to_string(axis_) + " is out of range for rank " +
                         std::to_string(rank));
    }
    ctx.output(0) = x.type_only();
    return Status::ok();
  }

  Status prepare(PrepareContext& ctx) override {
    const ValueType& x = ctx.input(0);
    const int64_t rank = x.rank();
    const int64_t axis = axis_ < 0 ? axis_ + rank : axis_;
    outer_ = n_ = inner_ = 1;
    for (int64_t k = 0; k < rank; ++k) {
      const int64_t d = x.dims[static_cast<size_t>(k)];
      if (k < axis)
        outer_ *= d;
      else if (k == axis || coerce_2d_)
        n_ *= d;
      else
        inner_ *= d;
    }
    if (x.dtype == DType::kFloat16 || x.dtype == DType::kBFloat16)
      ctx.request_scratch(static_cast<size_t>(shape_numel(x.dims)) * sizeof(float));
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    Tensor& y = ctx.output(0);
    switch (x.dtype()) {
      case DType::kFloat32:
        kernels::softmax_f32(x.data<float>(), y.data<float>(), outer_, n_, inner_, ctx.pool());
        return Status::ok();
      case DType::kFloat64:
        kernels::softmax_f64(x.data<double>(), y.data<double>(), outer_, n_, inner_, ctx.pool());
        return Status::ok();
      case DType::kFloat16:
        return via_float<half_to_float, float_to_half>(ctx);
      case DType::kBFloat16:
        return via_float<bf16_to_float, float_to_bf16>(ctx);
      default:
        return ctx.error(std::string("element type ") + dtype_name(x.dtype()) + " not supported");
    }
  }

 private:
  template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
  Status via_float(RunContext& ctx) const {
    const Tensor& x = ctx.input(0);
    float* buf = static_cast<float*>(ctx.scratch());
    const int64_t n = x.numel();
    if (n > 0 && buf == nullptr) return ctx.error("missing scratch buffer");
    const uint16_t* in = x.data<uint16_t>();
    uint16_t* out = ctx.output(0).data<uint16_t>();
    for (int64_t i = 0; i < n; ++i) buf[i] = ToFloat(in[i]);
    kernels::softmax_f32(buf, buf, outer_, n_, inner_, ctx.pool());
    for (int64_t i = 0; i < n; ++i) out[i] = FromFloat(buf[i]);
    return Status::ok();
  }

  bool coerce_2d_ = false;
  int64_t axis_ = -1;
  int64_t outer_ = 0, n_ = 0, inner_ = 1;  // [outer, n, inner] view set by prepare()
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Softmax, SoftmaxOp)
