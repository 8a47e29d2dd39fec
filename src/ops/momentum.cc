// Momentum (ai.onnx.preview.training, opset 1): for each (X, G, V)
// (ops/common/optimizer_common.h)
//   G_reg = norm_coefficient * X + G
//   V_new = alpha * V + (T > 0 ? beta : 1) * G_reg
//   X_new = X - R * V_new                        mode "standard"
//   X_new = X - R * (G_reg + alpha * V_new)      mode "nesterov"
// Attributes alpha, beta, mode, norm_coefficient are required. Outputs X_new..., V_new....
#include "ops/common/optimizer_common.h"

namespace onyx::ops {
namespace {

class MomentumOp final : public OptimizerOp {
 public:
  MomentumOp() : OptimizerOp(3) {}

  Status init(const InitContext& ctx) override {
    const ir::Node& node = ctx.node();
    for (const char* name : {"alpha", "beta", "mode", "norm_coefficient"})
      if (!node.has_attr(name))
        return ctx.error(std::string("attribute '") + name + "' is required");
    alpha_ = node.attr_float("alpha", 0.0f);
    beta_ = node.attr_float("beta", 0.0f);
    norm_coefficient_ = node.attr_float("norm_coefficient", 0.0f);
    const std::string mode = node.attr_string("mode", "");
    if (mode != "standard" && mode != "nesterov")
      return ctx.error("mode '" + mode + "' is not one of standard, nesterov");
    nesterov_ = mode == "nesterov";
    return Status::ok();
  }

 protected:
  void update(double r, int64_t t, const double* in, double* out) const override {
    const double g = norm_coefficient_ * in[0] + in[1];
    const double v = alpha_ * in[2] + (t > 0 ? beta_ : 1.0) * g;
    out[0] = in[0] - r * (nesterov_ ? g + alpha_ * v : v);
    out[1] = v;
  }

 private:
  double alpha_ = 0, beta_ = 0, norm_coefficient_ = 0;
  bool nesterov_ = false;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(Momentum, MomentumOp)
