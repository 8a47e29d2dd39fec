// Adagrad (ai.onnx.preview.training, opset 1): for each (X, G, H) (ops/common/optimizer_common.h)
//   r = R / (1 + T * decay_factor)
//   G_reg = norm_coefficient * X + G
//   H_new = H + G_reg * G_reg
//   X_new = X - r * G_reg / (sqrt(H_new) + epsilon)
// Attributes decay_factor, epsilon, norm_coefficient (all default 0). Outputs X_new..., H_new....
#include <cmath>

#include "ops/common/optimizer_common.h"

namespace onyx::ops {
namespace {

class AdagradOp final : public OptimizerOp {
 public:
  AdagradOp() : OptimizerOp(3) {}

  Status init(const InitContext& ctx) override {
    decay_factor_ = ctx.node().attr_float("decay_factor", 0.0f);
    epsilon_ = ctx.node().attr_float("epsilon", 0.0f);
    norm_coefficient_ = ctx.node().attr_float("norm_coefficient", 0.0f);
    return Status::ok();
  }

 protected:
  void update(double r, int64_t t, const double* in, double* out) const override {
    const double rate = r / (1 + static_cast<double>(t) * decay_factor_);
    const double g = norm_coefficient_ * in[0] + in[1];
    const double h = in[2] + g * g;
    out[0] = in[0] - rate * g / (std::sqrt(h) + epsilon_);
    out[1] = h;
  }

 private:
  double decay_factor_ = 0, epsilon_ = 0, norm_coefficient_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Adagrad, AdagradOp)
