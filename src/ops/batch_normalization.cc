// BatchNormalization (opsets 1-15):
//   y = (x - mean) / sqrt(var + epsilon) * scale + bias, per channel (axis 1) of X [N, C, ...].
// Inference uses the mean/var inputs. training_mode=1 (opset 14+) uses the batch statistics
// instead (mean and population variance over every axis but 1, accumulated in double) and writes
// the optional outputs running_mean = mean * momentum + batch_mean * (1 - momentum) and
// running_var likewise (momentum default 0.9).
// is_test=0 (opsets < 7), spatial=0 (opsets < 9) and the opset < 14 training outputs
// (mean, var, saved_mean, saved_var) are NotImplemented. float32 only.
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
    momentum_ = node.attr_float("momentum", 0.9f);
    training_ = ctx.opset() >= 14 && node.attr_int("training_mode", 0) != 0;
    if (training_) {
      if (node.outputs.size() > 3) return ctx.error("training mode has at most 3 outputs");
      return Status::ok();
    }
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
    for (int i = 1; i < ctx.num_outputs(); ++i)
      ctx.output(i) = ValueType::tensor(x.dtype, {x.dims[1]});
    return Status::ok();
  }

  Status run(RunContext& ctx) const override {
    if (training_) return run_training(ctx);
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

  // training_mode=1: batch statistics per channel, then y and the running statistics.
  Status run_training(RunContext& ctx) const {
    const Tensor& x = ctx.input(0);
    const float* scale = ctx.input(1).data<float>();
    const float* bias = ctx.input(2).data<float>();
    const float* mean = ctx.input(3).data<float>();
    const float* var = ctx.input(4).data<float>();
    float* y = ctx.output(0).data<float>();
    float* running_mean = ctx.has_output(1) ? ctx.output(1).data<float>() : nullptr;
    float* running_var = ctx.has_output(2) ? ctx.output(2).data<float>() : nullptr;
    const int64_t n = x.dim(0), c = x.dim(1);
    const int64_t plane = n * c > 0 ? x.numel() / (n * c) : 0;
    const double count = static_cast<double>(n * plane);
    const float* xd = x.data<float>();
    auto channels = [&](int64_t begin, int64_t end) {
      for (int64_t ch = begin; ch < end; ++ch) {
        double sum = 0;
        for (int64_t b = 0; b < n; ++b)
          for (int64_t i = 0; i < plane; ++i) sum += xd[(b * c + ch) * plane + i];
        const double batch_mean = count > 0 ? sum / count : 0;
        double sq = 0;
        for (int64_t b = 0; b < n; ++b)
          for (int64_t i = 0; i < plane; ++i) {
            const double d = xd[(b * c + ch) * plane + i] - batch_mean;
            sq += d * d;
          }
        const double batch_var = count > 0 ? sq / count : 0;
        const double a = scale[ch] / std::sqrt(batch_var + epsilon_);
        const double shift = bias[ch] - batch_mean * a;
        for (int64_t b = 0; b < n; ++b)
          for (int64_t i = 0; i < plane; ++i) {
            const int64_t k = (b * c + ch) * plane + i;
            y[k] = static_cast<float>(xd[k] * a + shift);
          }
        if (running_mean)
          running_mean[ch] =
              static_cast<float>(mean[ch] * momentum_ + batch_mean * (1 - momentum_));
        if (running_var)
          running_var[ch] = static_cast<float>(var[ch] * momentum_ + batch_var * (1 - momentum_));
      }
    };
    if (ctx.pool())
      ctx.pool()->parallel_for(c, std::max<int64_t>(1, 16384 / std::max<int64_t>(n * plane, 1)),
                               channels);
    else
      channels(0, c);
    return Status::ok();
  }

 private:
  bool training_ = false;  // opset 14+ training_mode=1
  double momentum_ = 0.9;
  float epsilon_ = 1e-5f;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(BatchNormalization, BatchNormalizationOp)
