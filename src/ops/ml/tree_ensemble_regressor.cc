// TreeEnsembleRegressor (ai.onnx.ml opsets 1, 3): Y[n, t] = aggregate over the trees of the leaf
// weights for target t, plus base_values[t], then post_transform (ops/ml/tree_common.h loads the
// nodes_* / target_* layout).
//   X: [N, F] (or [F]) float, double, int64 or int32; Y: [N, n_targets] float.
//   aggregate_function: SUM (default), AVERAGE, MIN, MAX (a target no leaf reaches scores 0 before
//   base_values). post_transform: NONE (default), SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT.
//   opset 3 adds the *_as_tensor forms of nodes_values, target_weights and base_values.
#include "ops/common/ml_common.h"
#include "ops/ml/model_rows.h"
#include "ops/ml/tree_common.h"
#include "ops/op.h"

namespace onyx::ops {
namespace {

using RegressorTypes = TypeList<float, double, int64_t, int32_t>;

class TreeEnsembleRegressorOp final : public OpKernel {
 public:
  static constexpr DTypeSet kElementTypes = dtype_set<RegressorTypes>();

  Status init(const InitContext& ctx) override {
    const ir::Node& n = ctx.node();
    const int64_t targets = n.attr_int("n_targets", 1);
    if (targets <= 0) return ctx.error("n_targets must be positive");
    Result<TreeForest> forest = load_legacy_forest(n, "target", targets);
    if (!forest.is_ok()) return ctx.error(forest.status().message());
    forest_ = std::move(forest.value());
    base_ = attr_doubles(n, "base_values_as_tensor", "base_values").value_or(std::vector<double>{});
    if (!base_.empty() && static_cast<int64_t>(base_.size()) != targets)
      return ctx.error("base_values needs one value per target");
    const std::string agg = n.attr_string("aggregate_function", "SUM");
    if (agg == "SUM")
      aggregate_ = TreeAggregate::kSum;
    else if (agg == "AVERAGE")
      aggregate_ = TreeAggregate::kAverage;
    else if (agg == "MIN")
      aggregate_ = TreeAggregate::kMin;
    else if (agg == "MAX")
      aggregate_ = TreeAggregate::kMax;
    else
      return ctx.error("unknown aggregate_function '" + agg + "'");
    const auto post = parse_post_transform(n.attr_string("post_transform", "NONE"));
    if (!post) return ctx.error("unknown post_transform");
    post_ = *post;
    return Status::ok();
  }

  Status infer(InferContext& ctx) const override {
    return infer_model_rows(ctx, kElementTypes, {false, false, forest_.num_targets},
                            forest_features(forest_));
  }

  Status run(RunContext& ctx) const override {
    const Tensor& x = ctx.input(0);
    const int64_t rows = x.rank() == 2 ? x.dim(0) : 1, features = x.dim(x.rank() - 1);
    const int64_t targets = forest_.num_targets;
    float* y = ctx.output(0).data<float>();
    std::vector<double> row(static_cast<size_t>(features)), acc(static_cast<size_t>(targets));
    std::vector<char> hit(static_cast<size_t>(targets));
    bool cycle = false;
    visit_dtype<RegressorTypes>(x.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (int64_t r = 0; r < rows && !cycle; ++r) {
        for (int64_t f = 0; f < features; ++f)
          row[static_cast<size_t>(f)] = static_cast<double>(x.data<T>()[r * features + f]);
        std::fill(acc.begin(), acc.end(), 0.0);
        std::fill(hit.begin(), hit.end(), 0);
        cycle = !accumulate_trees(forest_, aggregate_, row.data(), acc.data(), &hit);
        for (int64_t t = 0; t < targets; ++t)
          if (!base_.empty()) acc[static_cast<size_t>(t)] += base_[static_cast<size_t>(t)];
        apply_post_transform(post_, acc.data(), targets);
        for (int64_t t = 0; t < targets; ++t)
          y[r * targets + t] = static_cast<float>(acc[static_cast<size_t>(t)]);
      }
    });
    return cycle ? ctx.error("the tree node ids form a cycle") : Status::ok();
  }

 private:
  TreeForest forest_;
  std::vector<double> base_;
  TreeAggregate aggregate_ = TreeAggregate::kSum;
  PostTransform post_ = PostTransform::kNone;
};

}  // namespace
}  // namespace onyx::ops

ONYX_DEFINE_OP(TreeEnsembleRegressor, TreeEnsembleRegressorOp)
