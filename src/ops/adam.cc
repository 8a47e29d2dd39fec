// Adam (ai.onnx.preview.training, opset 1): for each (X, G, V, H)
// (ops/common/optimizer_common.h)
//   G_reg = norm_coefficient * X + G
//   V_new = alpha * V + (1 - alpha) * G_reg
//   H_new = beta * H + (1 - beta) * G_reg * G_reg
//   R_adj = T > 0 ? R * sqrt(1 - beta^T) / (1 - alpha^T) : R
//   X_new = (1 - norm_coefficient_post) * (X - R_adj * V_new / (sqrt(H_new) + epsilon))
// Attributes alpha (0.9), beta (0.999), epsilon (1e-6), norm_coefficient (0),
// norm_coefficient_post (0). Outputs X_new..., V_new..., H_new....
#include <cmath>

#include "ops/common/optimizer_common.h"

namespace onyx::ops {
namespace {

class AdamOp final : public OptimizerOp {
 public:
  AdamOp() : OptimizerOp(4) {}

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    alpha_ = node.attr_float("alpha", 0.9f);
    beta_ = node.attr_float("beta", 0.999f);
    epsilon_ = node.attr_float("epsilon", 1e-6f);
    norm_coefficient_ = node.attr_float("norm_coefficient", 0.0f);
    norm_coefficient_post_ = node.attr_float("norm_coefficient_post", 0.0f);
    return Status::ok();
  }

 protected:
  void update(double r, int64_t t, const double* in, double* out) const override {
    const double g = norm_coefficient_ * in[0] + in[1];
    const double v = alpha_ * in[2] + (1 - alpha_) * g;
    const double h = beta_ * in[3] + (1 - beta_) * g * g;
    const double td = static_cast<double>(t);
    const double rate =
        t > 0 ? r * std::sqrt(1 - std::pow(beta_, td)) / (1 - std::pow(alpha_, td)) : r;
    out[0] = (1 - norm_coefficient_post_) * (in[0] - rate * v / (std::sqrt(h) + epsilon_));
    out[1] = v;
    out[2] = h;
  }

 private:
  double alpha_ = 0.9, beta_ = 0.999, epsilon_ = 1e-6, norm_coefficient_ = 0,
         norm_coefficient_post_ = 0;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Adam, AdamOp)
