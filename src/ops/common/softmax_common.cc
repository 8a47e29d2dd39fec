#include "ops/common/softmax_common.h"

#include "base/half.h"
#include "kernels/softmax.h"

namespace onyx::ops {

Status SoftmaxFamilyOp::init(const InitContext& ctx) {
  coerce_2d_ = ctx.opset() < 13;
  axis_ = ctx.node().attr_int("axis", coerce_2d_ ? 1 : -1);
  return Status::ok();
}

Status SoftmaxFamilyOp::infer(InferContext& ctx) const {
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

Status SoftmaxFamilyOp::prepare(PrepareContext& ctx) {
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

void SoftmaxFamilyOp::run_f32(const float* x, float* y, ThreadPool* pool) const {
  switch (kind_) {
    case SoftmaxKind::kSoftmax:
      return kernels::softmax_f32(x, y, outer_, n_, inner_, pool);
    case SoftmaxKind::kLogSoftmax:
      return kernels::log_softmax_f32(x, y, outer_, n_, inner_, pool);
    case SoftmaxKind::kHardmax:
      return kernels::hardmax_f32(x, y, outer_, n_, inner_, pool);
  }
}

Status SoftmaxFamilyOp::run(RunContext& ctx) const {
  const Tensor& x = ctx.input(0);
  Tensor& y = ctx.output(0);
  switch (x.dtype()) {
    case DType::kFloat32:
      run_f32(x.data<float>(), y.data<float>(), ctx.pool());
      return Status::ok();
    case DType::kFloat64: {
      const double* in = x.data<double>();
      double* out = y.data<double>();
      if (kind_ == SoftmaxKind::kSoftmax)
        kernels::softmax_f64(in, out, outer_, n_, inner_, ctx.pool());
      else if (kind_ == SoftmaxKind::kLogSoftmax)
        kernels::log_softmax_f64(in, out, outer_, n_, inner_, ctx.pool());
      else
        kernels::hardmax_f64(in, out, outer_, n_, inner_, ctx.pool());
      return Status::ok();
    }
    case DType::kFloat16:
      return via_float<half_to_float, float_to_half>(ctx);
    case DType::kBFloat16:
      return via_float<bf16_to_float, float_to_bf16>(ctx);
    default:
      return ctx.error(unsupported_dtype_message(x.dtype(), kElementTypes));
  }
}

template <float (*ToFloat)(uint16_t), uint16_t (*FromFloat)(float)>
Status SoftmaxFamilyOp::via_float(RunContext& ctx) const {
  const Tensor& x = ctx.input(0);
  float* buf = static_cast<float*>(ctx.scratch());
  const int64_t n = x.numel();
  if (n > 0 && buf == nullptr) return ctx.error("missing scratch buffer");
  const uint16_t* in = x.data<uint16_t>();
  uint16_t* out = ctx.output(0).data<uint16_t>();
  for (int64_t i = 0; i < n; ++i) buf[i] = ToFloat(in[i]);
  run_f32(buf, buf, ctx.pool());
  for (int64_t i = 0; i < n; ++i) out[i] = FromFloat(buf[i]);
  return Status::ok();
}

}  // namespace onyx::ops
