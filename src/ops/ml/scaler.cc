// Scaler (ai.onnx.ml opset 1): Y = (X - offset) * scale, float output.
//   X: float, double, int64 or int32, any rank >= 1; offset and scale: one value for every
//   element, or one per entry of X's last axis (C). Computed in double, rounded to float.
#include "ops/op.h"

namespace onyx::ops {
namespace {

using ScalerTypes = TypeList<float, double, int64_t, int32_t>;

class ScalerOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ScalerTypes>();

  Status init(const InitContext& ctx) override {
    offset_ = ctx.node().attr_floats("offset");
    scale_ = ctx.node().attr_floats("scale");
    if (offset_.empty()) offset_ = {0.0f};
    if (scale_.empty()) scale_ = {1.0f};
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(1, 1));
    ONYX_RETURN_IF_ERROR(ctx.expect_dtype(0, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = x.type_only();
    ctx.output(0).dtype = DType::kFloat32;
    if (x.has_shape && x.rank() > 0 && dim_known(x.dims.back())) {
      const int64_t c = x.dims.back();
      for (size_t n : {offset_.size(), scale_.size()})
        if (n != 1 && static_cast<int64_t>(n) != c)
          return ctx.error("offset and scale need 1 or " + std::to_string(c) +
                           " values (X's last axis), got " + std::to_string(n));
    }
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t c = x.rank() > 0 ? x.dim(x.rank() - 1) : 1;
    for (size_t n : {offset_.size(), scale_.size()})
      if (n != 1 && static_cast<int64_t>(n) != c)
        return ctx.error("offset and scale need 1 or " + std::to_string(c) + " values");
    float* y = ctx.output(0).data<float>();
    visit_dtype<ScalerTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = x.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i) {
        const size_t j = c ? static_cast<size_t>(i % c) : 0;
        const double o = offset_[offset_.size() == 1 ? 0 : j];
        const double s = scale_[scale_.size() == 1 ? 0 : j];
        y[i] = static_cast<float>((static_cast<double>(in[i]) - o) * s);
      }
    });
    return Status::ok();
  }

 private:
  std::vector<float> offset_, scale_;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Scaler, ScalerOp)
