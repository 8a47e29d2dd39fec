// LinearRegressor (ai.onnx.ml opset 1): Y = X W^T + b, then post_transform.
//   X: [N, C] (or [C], one row) of float, double, int64 or int32. coefficients: W as
//   [targets, C] row-major; intercepts: b, one per target (absent = 0). targets: default 1.
//   post_transform: NONE (default), SOFTMAX, LOGISTIC, SOFTMAX_ZERO or PROBIT (ops/common/
//   ml_common.h). Y: [N, targets] float, computed in double.
#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using LinearTypes = TypeList<float, double, int64_t, int32_t>;

class LinearRegressorOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<LinearTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    for (float f : n.attr_floats("coefficients")) coefficients_.push_back(f);
    for (float f : n.attr_floats("intercepts")) intercepts_.push_back(f);
    targets_ = n.attr_int("targets", 1);
    if (targets_ <= 0) return ctx.error("targets must be positive");
    if (!intercepts_.empty() && static_cast<int64_t>(intercepts_.size()) != targets_)
      return ctx.error("intercepts needs one value per target");
    if (coefficients_.empty() || coefficients_.size() % static_cast<size_t>(targets_) != 0)
      return ctx.error("coefficients must hold targets x C values");
    features_ = static_cast<int64_t>(coefficients_.size()) / targets_;
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post) return ctx.error("unknown post_transform");
    post_ = *post;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {false, false, targets_},
                            features_equal(features_, "the coefficients"));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t rows = x.rank() == 2 ? x.dim(0) : 1;
    float* y = ctx.output(0).data<float>();
    std::vector<double> acc(static_cast<size_t>(targets_));
    visit_dtype<LinearTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows; ++r) {
        const T* row = x.data<T>() + r * features_;
        for (int64_t t = 0; t < targets_; ++t) {
          double s = intercepts_.empty() ? 0.0 : intercepts_[static_cast<size_t>(t)];
          for (int64_t j = 0; j < features_; ++j)
            s +=
                coefficients_[static_cast<size_t>(t * features_ + j)] * static_cast<double>(row[j]);
          acc[static_cast<size_t>(t)] = s;
        }
        apply_post_transform(post_, acc.data(), targets_);
        for (int64_t t = 0; t < targets_; ++t)
          y[r * targets_ + t] = static_cast<float>(acc[static_cast<size_t>(t)]);
      }
    });
    return Status::ok();
  }

 private:
  std::vector<double> coefficients_, intercepts_;
  int64_t targets_ = 1, features_ = 0;
  PostTransform post_ = PostTransform::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LinearRegressor, LinearRegressorOp)
