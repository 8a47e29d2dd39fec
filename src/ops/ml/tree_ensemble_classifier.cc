// TreeEnsembleClassifier (ai.onnx.ml opsets 1, 3): per-class scores summed over the trees' leaves
// plus base_values, then post_transform; the label is the class of the highest score (first on
// ties). Nodes and class_* weights: ops/ml/tree_common.h.
//   X: [N, F] (or [F]) float, double, int64 or int32. Outputs: Y labels [N] (int64 from
//   classlabels_int64s or string from classlabels_strings), Z scores [N, C] float.
//   base_values: added to the first scores (one per class, or fewer).
//   Binary case (2 labels, every class weight on class id 0 — sklearn's single-score export, as
//   onnxruntime reads it): s = the class-0 sum plus base_values[0] is the score of label 1;
//   Z = [1 - s, s] when all weights are >= 0 (label 1 when s > 0.5), else [-s, s] (label 1 when
//   s > 0); post_transform then applies to both entries (LOGISTIC gives [1 - p, p]).
//   opset 3 adds the *_as_tensor forms of nodes_values, class_weights and base_values.
#include <algorithm>

#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/ml/tree_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using ClassifierTypes = TypeList<float, double, int64_t, int32_t>;

class TreeEnsembleClassifierOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<ClassifierTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    int_labels_ = n.attr_ints("classlabels_int64s");
    str_labels_ = n.attr_strings("classlabels_strings");
    if (int_labels_.empty() == str_labels_.empty())
      return ctx.error("exactly one of classlabels_int64s and classlabels_strings is required");
    classes_ = static_cast<int64_t>(int_labels_.empty() ? str_labels_.size() : int_labels_.size());
    Result<TreeForest> forest = load_legacy_forest(n, "class", classes_);
    if (!forest.is_ok()) return ctx.error(forest.status().message());
    forest_ = std::move(forest.value());
    base_ = attr_doubles(n, "base_values_as_tensor", "base_values").value_or(std::vector<double>{});
    if (base_.size() > static_cast<size_t>(classes_))
      return ctx.error("base_values has more values than there are classes");
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post) return ctx.error("unknown post_transform");
    post_ = *post;
    bool only_class0 = true;
    for (const auto& leaf : forest_.leaves)
      for (const auto& [cls, w] : leaf) {
        only_class0 = only_class0 && cls == 0;
        all_positive_ = all_positive_ && w >= 0;
      }
    binary_ = classes_ == 2 && only_class0;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {true, int_labels_.empty(), classes_},
                            forest_features(forest_));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t rows = x.rank() == 2 ? x.dim(0) : 1, features = x.dim(x.rank() - 1);
    Tensor& labels = ctx.output(0);
    float* z = ctx.has_output(1) ? ctx.output(1).data<float>() : nullptr;
    std::vector<double> row(static_cast<size_t>(features)), acc(static_cast<size_t>(classes_));
    std::vector<char> hit(static_cast<size_t>(classes_));
    bool cycle = false;
    visit_dtype<ClassifierTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows && !cycle; ++r) {
        for (int64_t f = 0; f < features; ++f)
          row[static_cast<size_t>(f)] = static_cast<double>(x.data<T>()[r * features + f]);
        std::fill(acc.begin(), acc.end(), 0.0);
        cycle = !accumulate_trees(forest_, TreeAggregate::kSum, row.data(), acc.data(), &hit);
        for (size_t c = 0; c < base_.size(); ++c) acc[c] += base_[c];
        int64_t best = 0;
        if (binary_) {
          const double s = acc[0];  // class 0 holds the sum plus base_values[0]
          acc[0] = all_positive_ ? 1.0 - s : -s;
          acc[1] = s;
          best = s > (all_positive_ ? 0.5 : 0.0) ? 1 : 0;
          apply_post_transform(post_, acc.data(), 2);
        } else {
          apply_post_transform(post_, acc.data(), classes_);
          best = std::max_element(acc.begin(), acc.end()) - acc.begin();
        }
        if (int_labels_.empty())
          labels.data<std::string>()[r] = str_labels_[static_cast<size_t>(best)];
        else
          labels.data<int64_t>()[r] = int_labels_[static_cast<size_t>(best)];
        if (z)
          for (int64_t c = 0; c < classes_; ++c)
            z[r * classes_ + c] = static_cast<float>(acc[static_cast<size_t>(c)]);
      }
    });
    return cycle ? ctx.error("the tree node ids form a cycle") : Status::ok();
  }

 private:
  TreeForest forest_;
  std::vector<int64_t> int_labels_;
  std::vector<std::string> str_labels_;
  int64_t classes_ = 0;
  std::vector<double> base_;
  PostTransform post_ = PostTransform::kNone;
  bool binary_ = false, all_positive_ = true;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TreeEnsembleClassifier, TreeEnsembleClassifierOp)
