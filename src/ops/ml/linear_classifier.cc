// LinearClassifier (ai.onnx.ml opset 1): scores = X W^T + b per class, post_transform, and the
// label of the highest score (first on ties).
//   X: [N, F] (or [F]) float, double, int64 or int32. coefficients: W as [K, F]; intercepts: K
//   values (absent = 0). classlabels_ints or classlabels_strings: the labels.
//   Outputs: Y labels [N] (int64 or string), Z scores [N, K] float.
//   Binary case (K = 1 with 2 labels, as onnxruntime reads it): s = the one score; Y = label 1
//   when s > 0, else label 0; Z = [-s, s], then post_transform (LOGISTIC gives [1 - p, p]).
//   post_transform: NONE (default), SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT (ml_common.h).
//   multi_class is accepted and ignored (it does not change the outputs).
#include <algorithm>

#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using LinearTypes = TypeList<float, double, int64_t, int32_t>;

class LinearClassifierOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<LinearTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    int_labels_ = n.attr_ints("classlabels_ints");
    str_labels_ = n.attr_strings("classlabels_strings");
    if (int_labels_.empty() == str_labels_.empty())
      return ctx.error("exactly one of classlabels_ints and classlabels_strings is required");
    const auto labels =
        static_cast<int64_t>(int_labels_.empty() ? str_labels_.size() : int_labels_.size());
    for (float f : n.attr_floats("coefficients")) coefficients_.push_back(f);
    for (float f : n.attr_floats("intercepts")) intercepts_.push_back(f);
    rows_ = intercepts_.empty() ? labels : static_cast<int64_t>(intercepts_.size());
    if (rows_ <= 0 || coefficients_.empty() ||
        coefficients_.size() % static_cast<size_t>(rows_) != 0)
      return ctx.error("coefficients must hold K x F values (K = number of intercepts or labels)");
    features_ = static_cast<int64_t>(coefficients_.size()) / rows_;
    binary_ = rows_ == 1 && labels == 2;
    if (!binary_ && rows_ != labels)
      return ctx.error(std::to_string(rows_) + " score rows for " + std::to_string(labels) +
                       " labels");
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post) return ctx.error("unknown post_transform");
    post_ = *post;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {true, int_labels_.empty(), binary_ ? 2 : rows_},
                            features_equal(features_, "the coefficients"));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t n = x.rank() == 2 ? x.dim(0) : 1;
    const int64_t width = binary_ ? 2 : rows_;
    float* z = ctx.has_output(1) ? ctx.output(1).data<float>() : nullptr;
    Tensor& labels = ctx.output(0);
    std::vector<double> acc(static_cast<size_t>(width));
    visit_dtype<LinearTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < n; ++r) {
        const T* row = x.data<T>() + r * features_;
        for (int64_t k = 0; k < rows_; ++k) {
          double s = intercepts_.empty() ? 0.0 : intercepts_[static_cast<size_t>(k)];
          for (int64_t j = 0; j < features_; ++j)
            s +=
                coefficients_[static_cast<size_t>(k * features_ + j)] * static_cast<double>(row[j]);
          acc[static_cast<size_t>(k)] = s;
        }
        int64_t best = 0;
        if (binary_) {
          const double s = acc[0];
          acc[0] = -s;
          acc[1] = s;
          best = s > 0 ? 1 : 0;
          apply_post_transform(post_, acc.data(), 2);
        } else {
          apply_post_transform(post_, acc.data(), width);
          best = std::max_element(acc.begin(), acc.end()) - acc.begin();
        }
        if (int_labels_.empty())
          labels.data<std::string>()[r] = str_labels_[static_cast<size_t>(best)];
        else
          labels.data<int64_t>()[r] = int_labels_[static_cast<size_t>(best)];
        if (z)
          for (int64_t k = 0; k < width; ++k)
            z[r * width + k] = static_cast<float>(acc[static_cast<size_t>(k)]);
      }
    });
    return Status::ok();
  }

 private:
  std::vector<int64_t> int_labels_;
  std::vector<std::string> str_labels_;
  std::vector<double> coefficients_, intercepts_;
  int64_t rows_ = 0, features_ = 0;
  bool binary_ = false;
  PostTransform post_ = PostTransform::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(LinearClassifier, LinearClassifierOp)
