// BatchNormalization (opsets 1-15), inference mode only:
//   y = (x - mean) / sqrt(var + epsilon) * scale + bias, per channel (axis 1) of X [N, C, ...].
// training_mode=1 (opset 14+), is_test=0 (opsets < 7), spatial=0 (opsets < 9) and the training
// outputs (running/saved mean and var) are NotImplemented. float32 only.
#include <cmath>

#include "ops/op.h"

namespace onyx::ops {
namespace {

class BatchNormalizationOp final : public OpKernel {
 public:
  // Element types: float32 only, for X and every parameter (ONNX allows every float type).
  static constexpr DTypeSet kElementTypes = dtype_set<TypeList<float>>();

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    epsilon_ = node.attr_float("epsilon", 1e-5f);
    if (node.attr_int("training_mode", 0) != 0)
      return ctx.not_implemented("training_mode=1 is not supported (inference only)");
    if (ctx.opset() < 7 && node.attr_int("is_test", 0) == 0 && node.outputs.size() > 1)
      return ctx.not_implemented("is_test=0 (training) is not supported");
    if (ctx.opset() < 9 && node.attr_int("spatial", 1) != 1)
      return ctx.not_implemented("spatial=0 (per-activation statistics) is not supported");
    for (size_t i = 1; i < node.outputs.size(); ++i)
      if (!node.outputs[i].empty())
        return ctx.not_implemented("training outputs (mean/var statistics) are not supported");
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    ONYX_RETURN_IF_ERROR(ctx.expect_inputs(5, 5));
    for (int i = 0; i < 5; ++i) ONYX_RETURN_IF_ERROR(ctx.expect_dtype(i, kElementTypes));
    const ValueType& x = ctx.input(0);
    ctx.output(0) = ValueType();
    ctx.output(0).dtype = x.dtype;
    if (!x.has_shape) return Status::ok();
    if (x.rank() < 2) return ctx.input_error(0, "expected rank >= 2 [N, C, ...]");
    static const char* names[] = {"", "scale", "B", "mean", "var"};
    for (int i = 1; i < 5; ++i) {
      const ValueType& v = ctx.input(i);
      if (!v.has_shape) continue;
      if (v.rank() != 1) return ctx.input_error(i, std::string(names[i]) + " must be 1-D [C]");
      if (dim_known(v.dims[0]) && dim_known(x.dims[1]) && v.dims[0] != x.dims[1])
        return ctx.input_error(i, std::string(names[i]) + " has length " +
                                      std::to_string(v.dims[0]) + " but X has " +
                                      std::to_string(x.dims[1]) + " channels");
    }
    ctx.output(0) = ValueType::tensor(x.dtype, x.dims);
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const float* scale = ctx.input(1).data<float>();
    const float* bias = ctx.input(2).data<float>();
    const float* mean = ctx.input(3).data<float>();
    const float* var = ctx.input(4).data<float>();
    float* y = ctx.output(0).data<float>();
    const int64_t n = x.dim(0), c = x.dim(1);
    const int64_t plane = n * c > 0 ? x.numel() / (n * c) : 0;
    const float* xd = x.data<float>();
    auto planes = [&](int64_t begin, int64_t end) {
      for (int64_t p = begin; p < end; ++p) {
        const int64_t ch = p % c;
        const float a = scale[ch] / std::sqrt(var[ch] + epsilon_);
        const float b = bias[ch] - mean[ch] * a;
        const float* xp = xd + p * plane;
        float* yp = y + p * plane;
        for (int64_t i = 0; i < plane; ++i) yp[i] = xp[i] * a + b;
      }
    };
    if (ctx.pool())
      ctx.pool()->parallel_for(n * c, std::max<int64_t>(1, 16384 / std::max<int64_t>(plane, 1)),
                               planes);
    else
      planes(0, n * c);
    return Status::ok();
  }

 private:
  float epsilon_ = 1e-5f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BatchNormalization, BatchNormalizationOp)
