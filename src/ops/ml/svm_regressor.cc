// SVMRegressor (ai.onnx.ml opset 1): one regression score per row, or a one-class decision.
//   X: [N, F] (or [F]) float, double, int64 or int32. Y: [N, 1] float (computed in double).
//   n_supports > 0: support_vectors [n_supports, F], coefficients one per support vector;
//                   y = sum_v coef[v] K(x, v) + rho[0] (kernel_type, kernel_params: svm_common.h).
//   n_supports = 0 (default): linear; coefficients [F]; y = x.coef + rho[0].
//   one_class = 1: y = 1 when the score is > 0, else -1.
//   post_transform (NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT) applies to the single score, as
//   the spec says (onnxruntime ignores it; the two agree for the default NONE).
#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/ml/svm_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

class SvmRegressorOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<SvmInputTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    if (auto err = SvmKernel::parse(n, &kernel_)) return ctx.error(*err);
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post)
      return ctx.error("unknown post_transform '" + n.attr_string("post_transform", "") + "'");
    post_ = *post;
    for (float f : n.attr_floats("coefficients")) coefficients_.push_back(f);
    for (float f : n.attr_floats("support_vectors")) support_.push_back(f);
    const std::vector<float> rho = n.attr_floats("rho");
    if (rho.empty()) return ctx.error("rho must hold one value");
    rho_ = rho[0];
    one_class_ = n.attr_int("one_class", 0) != 0;
    vectors_ = n.attr_int("n_supports", 0);
    if (vectors_ < 0) return ctx.error("n_supports must not be negative");
    if (coefficients_.empty()) return ctx.error("coefficients are required");
    if (vectors_ == 0) {
      features_ = static_cast<int64_t>(coefficients_.size());
      kernel_ = SvmKernel();  // linear mode ignores kernel_type
      return Status::ok();
    }
    if (support_.empty() || support_.size() % static_cast<size_t>(vectors_) != 0)
      return ctx.error("support_vectors must hold n_supports x F values (n_supports = " +
                       std::to_string(vectors_) + "), got " + std::to_string(support_.size()));
    if (static_cast<int64_t>(coefficients_.size()) != vectors_)
      return ctx.error("coefficients must hold one value per support vector (" +
                       std::to_string(vectors_) + "), got " + std::to_string(coefficients_.size()));
    features_ = static_cast<int64_t>(support_.size()) / vectors_;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {false, false, 1},
                            features_equal(features_, "the model"));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    float* y = ctx.output(0).data<float>();
    std::vector<double> row(static_cast<size_t>(features_));
    for (int64_t r = 0; r < svm_batch(x); ++r) {
      svm_row(x, r, features_, row.data());
      double s = rho_;
      if (vectors_ == 0) {
        s += kernel_(row.data(), coefficients_.data(), features_);
      } else {
        for (int64_t v = 0; v < vectors_; ++v)
          s += coefficients_[static_cast<size_t>(v)] *
               kernel_(row.data(), support_.data() + v * features_, features_);
      }
      if (one_class_) s = s > 0 ? 1.0 : -1.0;
      apply_post_transform(post_, &s, 1);
      y[r] = static_cast<float>(s);
    }
    return Status::ok();
  }

 private:
  std::vector<double> coefficients_, support_;
  double rho_ = 0;
  bool one_class_ = false;
  int64_t vectors_ = 0, features_ = 0;
  SvmKernel kernel_;
  PostTransform post_ = PostTransform::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(SVMRegressor, SvmRegressorOp)
